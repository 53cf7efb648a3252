import CutoverFormats

/// One old-side account folder a straggler scan reads, and what reading it found. Reading shares nothing it
/// writes (it gets a copy of the scan's reader), so `StragglerScan` reads accounts concurrently; `add` then puts
/// each account's findings into the pass's work, in account order.
struct AccountScan: Sendable {
    var account: String
    /// The old-side folder as the plan spells it: what `HandledFolders` records.
    var folderPath: String
    /// The old-side folder and the new mailbox, links resolved.
    var from: String
    var into: String
    /// The old-side folders as they were before the listing (see `HandledFolders.stamps`).
    var stamps: [HandledFolders.Stamp]
    /// Maildir or msgdir in a tree of its own: folders that can be skipped while they stand still.
    var filesOfTheirOwn: Bool

    struct Found {
        /// The reader this account used: what it read goes into the scan's digest cache.
        var reader: MessageReader
        var messages = 0
        var duplicates = 0
        var toCopy: [StragglerWork.Item] = []
        var toRecord: [StragglerWork.Item] = []
        var toRemove: [StragglerWork.Item] = []
        /// Unreadable files first, then messages that have no place in the new mailbox.
        var unmovable: [StragglerWork.Unmovable] = []
        /// Every message already in the ledger and nothing to remove: nothing owed.
        var handled = false
    }

    /// Reads the account's folders with `reader` (its own: `Found` hands it back with what it read).
    func read(plan: Plan, handled: StragglerLedger.Records, reader: MessageReader) throws -> Found {
        var reader = reader
        let source = plan.stragglers.source ?? plan.mailboxes.store
        let old = try reader.messages(in: from, layout: source.layout)
        var found = Found(reader: reader, messages: old.messages.count)
        found.unmovable = old.unreadable.map { .init(account: account, path: $0.path, reason: $0.reason) }
        let unhandled = old.messages.filter { !handled.contains(account, $0.identity.digest) }
        let removable = plan.stragglers.move && source.layout != .mbox
        guard !unhandled.isEmpty || (removable && !old.messages.isEmpty) else {
            found.duplicates = old.messages.count
            found.handled = true
            found.reader = reader
            return found
        }
        let store = plan.mailboxes.store
        let newSide = try reader.messages(in: into, layout: store.layout)
        let present = Set(newSide.messages.map(\.identity.digest))
        // A new-side file that could not be read, or a listing a rename or a move went through, may hide any of the
        // messages about to be copied: nothing is copied into this mailbox this pass, so nothing is copied twice.
        // (On the old side such a listing only costs time: its folders' stamps were taken first, so the next pass
        // lists them again.)
        let doubt = newSide.unreadable.first.map { "\($0.path): \($0.reason)" }
            ?? newSide.doubtful.first.map { "\($0) changed while it was listed" }
        found.unmovable += newSide.unreadable.map {
            .init(account: account, path: $0.path, reason: "in the new mailbox, \($0.reason); nothing is copied into "
                + "this mailbox until it can be read")
        }
        var placement = StragglerPlacement(from: source.layout, into: store.layout, folder: into)
        // The old side may hold one message twice (two names, or twice in an mbox): it is copied once.
        var planned = Set<String>()
        for message in old.messages {
            var item = StragglerWork.Item(account: account, sourceFolder: from, sourceLayout: source.layout,
                                          message: message, destinationFolder: into)
            let inLedger = handled.contains(account, message.identity.digest)
            if inLedger || present.contains(message.identity.digest) {
                found.duplicates += 1
                if !inLedger { found.toRecord.append(item) }
                if removable { found.toRemove.append(item) }
                continue
            }
            if planned.contains(message.identity.digest) {
                found.duplicates += 1
                if removable { found.toRemove.append(item) }
                continue
            }
            if let doubt {
                found.unmovable.append(.init(account: account, path: message.location(in: from),
                                             reason: "not copied this pass: the new mailbox could not be read whole "
                                                 + "(\(doubt)); a later pass copies it"))
                continue
            }
            switch try placement.destination(of: message) {
            case .success(let destination):
                item.destination = destination
                found.toCopy.append(item)
                planned.insert(message.identity.digest)
            case .failure(let why):
                found.unmovable.append(.init(account: account, path: message.location(in: from), reason: why.reason))
            }
        }
        found.reader = reader
        return found
    }

    /// Adds what reading this account found to the pass's work. A folder found fully handled is recorded so later
    /// passes skip it while it stands still; one with messages owed is forgotten there, and noted as owed, so the
    /// pass can record it once everything in it is placed.
    func add(_ found: Found, to work: inout StragglerWork) {
        work.unmovable += found.unmovable
        work.duplicates += found.duplicates
        let clean = filesOfTheirOwn && found.unmovable.isEmpty
        if found.handled {
            if clean { work.handledFolders.handled(folderPath, messages: found.messages, stamps: stamps) }
            return
        }
        work.handledFolders.owed(folderPath)
        work.toCopy += found.toCopy
        work.toRecord += found.toRecord
        work.toRemove += found.toRemove
        if clean {
            work.owedFolders.append(.init(account: account, path: folderPath, messages: found.messages, stamps: stamps))
        }
    }
}
