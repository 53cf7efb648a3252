import CutoverFormats
import CutoverSystem

/// Executes a pass's copies and removals. A copy is written from the bytes whose identity was just checked, so
/// the new file is the scanned message; a source is removed only once its copy is durable and recorded, and only
/// while it is still that message.
struct StragglerMover {
    let ledger: StragglerLedger
    let into: MailboxLayoutKind

    /// Places a copy of `item` in the new mailbox, not yet flushed to disk: the caller flushes the batch
    /// (`flush(into:)`), then records it in the ledger, before any source goes.
    func copy(_ item: StragglerWork.Item) throws {
        let message = try currentBytes(of: item)
        let content = item.sourceLayout == .mbox ? Mbox.standalone(message) : Array(message)
        let folder = PathParts.parent(item.target)
        try ensureFolder(folder, in: item.destinationFolder)
        try MessageFile.create(content, at: item.target,
                               ownership: try AccountFolderOwnership.forMessage(in: item.destinationFolder),
                               modificationTime: item.message.received, durable: false)
    }

    /// Makes every copy placed so far durable: one flush of the new mail store's file system.
    func flush(into root: String) throws {
        try MessageFile.flushFileSystem(of: root)
    }

    /// Removes the old side's copy of a message already safe (and recorded) in the new mailbox, if it is still
    /// that message. Not flushed one by one: a removal lost in a crash is redone by the next pass, which finds the
    /// message in the ledger.
    func removeSource(_ item: StragglerWork.Item) throws {
        _ = try currentBytes(of: item)
        try Directories.removeFile(item.source, durable: false)
    }

    func entry(_ item: StragglerWork.Item, _ outcome: StragglerLedger.Entry.Outcome) -> StragglerLedger.Entry {
        StragglerLedger.Entry(account: item.account, messageID: item.message.identity.messageID,
                              digest: item.message.identity.digest, source: item.source,
                              destination: outcome == .copied ? item.target : nil, outcome: outcome,
                              received: item.message.received)
    }

    /// The message's bytes as the source holds them now; throws when it is no longer the scanned message.
    private func currentBytes(of item: StragglerWork.Item) throws -> ArraySlice<UInt8> {
        let bytes = try MessageFile.read(item.source).bytes
        let range = item.message.range ?? 0..<bytes.count
        guard range.upperBound <= bytes.count,
              MessageIdentity.of(bytes[range], fromMbox: item.sourceLayout == .mbox) == item.message.identity else {
            throw StepFailure("it changed since it was scanned; left in place for the next pass")
        }
        return bytes[range]
    }

    /// Creates the folders between the account folder and `folder` with the account's ownership (a new Maildir++
    /// folder gets its `cur/ new/ tmp/`). An existing one must be a real folder: a link there could send the copy
    /// anywhere on the host.
    private func ensureFolder(_ folder: String, in account: String) throws {
        if try FileStatus.ifExists(account) == nil {
            try ensureFolder(account, in: PathParts.parent(account))
        }
        guard folder != account else { return }
        try ensureFolder(PathParts.parent(folder), in: account)
        switch try FileStatus.ifExists(folder)?.kind {
        case .directory?: return
        case nil:
            let parent = PathParts.parent(folder)
            let ownership = try AccountFolderOwnership.forNewFolder(in: parent)
            try Directories.create(folder, ownership: ownership)
            if into == .maildir, ["cur", "new"].contains(PathParts.lastComponent(folder)) {
                for part in ["cur", "new", "tmp"] { try Directories.create(parent + "/" + part, ownership: ownership) }
            }
        case .some:
            throw StepFailure("\(folder) is not a folder (a link or a file); nothing is written through it")
        }
    }
}
