import CutoverFormats
import CutoverSystem
import Foundation

/// Executes a pass's copies and removals. A copy is written from the bytes of the message the scan identified
/// (the file unchanged since, or its identity checked again), so the new file is the scanned message; a source is
/// removed only once its copy is durable and recorded, and only while it is still that message.
struct StragglerMover {
    let ledger: StragglerLedger
    let into: MailboxLayoutKind
    /// The scan behind the pass: which files it read, and as what.
    let scanned: DigestCache
    /// Destination folders known to be real folders in this pass, and the ownership of each account's messages:
    /// checked once per folder, not once per message. Copies into different accounts run concurrently.
    private let checked = CheckedFolders()

    init(ledger: StragglerLedger, into: MailboxLayoutKind, scanned: DigestCache) {
        self.ledger = ledger
        self.into = into
        self.scanned = scanned
    }

    /// A copy placed: the message as a scan of the new mailbox would read it, and the new file's status, so the
    /// digest cache never reads it back.
    struct Copy {
        var message: StoredMessage
        var status: FileStatus
    }

    /// Copies each of `items` for which `starting` says yes (it says no once a stop is requested), nil for the
    /// others. Accounts are copied concurrently; one account's messages in order, by one thread, since they may
    /// have folders to create.
    func copy(_ items: ArraySlice<StragglerWork.Item>,
              starting: @Sendable (StragglerWork.Item) -> Bool) -> [Result<Copy, any Error>?] {
        var accounts: [Range<Int>] = []
        var first = items.startIndex
        for index in items.indices.dropFirst() where items[index].destinationFolder != items[index - 1].destinationFolder {
            accounts.append(first..<index)
            first = index
        }
        if first < items.endIndex { accounts.append(first..<items.endIndex) }
        return Parallel.map(accounts) { account in
            items[account].map { item in starting(item) ? Result { try copy(item) } : nil }
        }.flatMap { $0 }
    }

    /// Places a copy of `item` in the new mailbox, not yet flushed to disk: the caller settles the batch (`settle`:
    /// flushed, then recorded in the ledger) before any source goes.
    private func copy(_ item: StragglerWork.Item) throws -> Copy {
        let message = try currentBytes(of: item)
        let content = item.sourceLayout == .mbox ? Mbox.standalone(message) : Array(message)
        try ensureFolder(PathParts.parent(item.target), in: item.destinationFolder)
        let status = try MessageFile.create(content, at: item.target, ownership: try ownership(in: item.destinationFolder),
                                            modificationTime: item.message.received, durable: false)
        let identity = item.sourceLayout == .mbox ? MessageIdentity.of(content[...], fromMbox: false)
            : item.message.identity
        return Copy(message: .file(relativePath: item.destination, layout: into, identity: identity,
                                   received: status.modificationTime), status: status)
    }

    /// Settles copies placed (`copy`): makes them durable (`flush`), records them in the ledger with one append,
    /// then with `move` removes their sources. Returns the sources that could not be removed.
    func settle(_ placed: [StragglerWork.Item], move: Bool) throws -> [StragglerWork.Unmovable] {
        guard !placed.isEmpty else { return [] }
        do {
            try flush(placed)
        } catch {
            // A later flush would not say whether these reached the disk: removed (they have no record), so the
            // next pass writes them again instead of trusting them.
            discard(placed)
            throw error
        }
        try ledger.record(placed.map { entry($0, .copied) })
        return move ? removeSources(placed.filter { $0.sourceLayout != .mbox }, failure: "copied, not removed") : []
    }

    /// Removes copies placed but never recorded, as far as it can: what is left is found by the next pass, which
    /// flushes it before recording it.
    func discard(_ placed: [StragglerWork.Item]) {
        for item in placed { unlink(item.target) }
    }

    /// Makes everything written into the new mailboxes of `items` durable: one syncfs per file system they are on
    /// (a mailbox linked onto another disk has its own), not two fsyncs per message.
    func flush(_ items: [StragglerWork.Item]) throws {
        var flushed: Set<UInt64> = []
        for folder in Set(items.map(\.destinationFolder)) {
            guard let device = try FileStatus.ifExists(folder)?.device else { continue }
            if flushed.insert(device).inserted { try MessageFile.flushFileSystem(of: folder) }
        }
    }

    /// Removes the sources of `items` (see `removeSource`); returns those that could not be removed, the reason
    /// starting with `failure`.
    func removeSources(_ items: [StragglerWork.Item], failure: String) -> [StragglerWork.Unmovable] {
        items.compactMap { item in
            do {
                try removeSource(item)
                return nil
            } catch {
                return .init(account: item.account, path: item.source, reason: "\(failure): \(error)")
            }
        }
    }

    /// Removes the old side's copy of a message already safe (and recorded) in the new mailbox, if it is still
    /// that message. Not flushed one by one: a removal lost in a crash is redone by the next pass, which finds the
    /// message in the ledger.
    func removeSource(_ item: StragglerWork.Item) throws {
        if !scanned.isAsScanned(item.source, try FileStatus.of(item.source)) {
            _ = try currentBytes(of: item)
        }
        try Directories.removeFile(item.source, durable: false)
    }

    func entry(_ item: StragglerWork.Item, _ outcome: StragglerLedger.Entry.Outcome) -> StragglerLedger.Entry {
        StragglerLedger.Entry(account: item.account, messageID: item.message.identity.messageID,
                              digest: item.message.identity.digest, source: item.source,
                              destination: outcome == .copied ? item.target : nil, outcome: outcome,
                              received: item.message.received)
    }

    /// The message's bytes as the source holds them now; throws when it is no longer the scanned message. A file
    /// unchanged since the scan (size, modification time, inode) is not digested again.
    private func currentBytes(of item: StragglerWork.Item) throws -> ArraySlice<UInt8> {
        let (bytes, status) = try MessageFile.read(item.source)
        let range = item.message.range ?? 0..<bytes.count
        guard range.upperBound <= bytes.count, scanned.isAsScanned(item.source, status)
                || MessageIdentity.of(bytes[range], fromMbox: item.sourceLayout == .mbox) == item.message.identity
        else {
            throw StepFailure("it changed since it was scanned; left in place for the next pass")
        }
        return bytes[range]
    }

    private func ownership(in account: String) throws -> Ownership {
        if let known = checked.ownership(of: account) { return known }
        let ownership = try AccountFolderOwnership.forMessage(in: account)
        checked.note(account, ownership: ownership)
        return ownership
    }

    /// Creates the folders between the account folder and `folder` with the account's ownership (a new Maildir++
    /// folder gets its `cur/ new/ tmp/`). An existing one must be a real folder: a link there could send the copy
    /// anywhere on the host.
    private func ensureFolder(_ folder: String, in account: String) throws {
        guard !checked.isReady(folder) else { return }
        if try FileStatus.ifExists(account) == nil {
            try ensureFolder(account, in: PathParts.parent(account))
        }
        if folder != account {
            try ensureFolder(PathParts.parent(folder), in: account)
            switch try FileStatus.ifExists(folder)?.kind {
            case .directory?: break
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
        checked.noteReady(folder)
    }
}

/// What `StragglerMover` found out about destination folders, shared by the copies of one pass.
private final class CheckedFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var ready: Set<String> = []
    private var ownerships: [String: Ownership] = [:]

    func isReady(_ folder: String) -> Bool { lock.withLock { ready.contains(folder) } }
    func noteReady(_ folder: String) { _ = lock.withLock { ready.insert(folder) } }
    func ownership(of account: String) -> Ownership? { lock.withLock { ownerships[account] } }
    func note(_ account: String, ownership: Ownership) { lock.withLock { ownerships[account] = ownership } }
}
