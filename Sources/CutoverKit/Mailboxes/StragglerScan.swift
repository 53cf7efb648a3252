import CutoverFormats
import CutoverSystem
import Foundation

/// Computes a pass's `StragglerWork` from the world, reading only. With `stragglers.source` a separate tree, a
/// message in the old folder of an account in the new list is a straggler when the new mailbox holds no message
/// of the same identity and the ledger has not handled it, whenever it arrived. When both sides are one tree, the
/// messages that arrived after the snapshot are noted, already in place.
struct StragglerScan {
    let plan: Plan
    let state: StateFolder

    func work() throws -> StragglerWork {
        var reader = MessageReader(cache: DigestCache(state: state))
        var work = StragglerWork(move: plan.stragglers.move, cache: reader.cache,
                                 handledFolders: HandledFolders(state: state))
        // Read when the first folder has to be listed: a quiet sweep over unchanged folders never needs it.
        var records: StragglerLedger.Records?
        func ledger() throws -> StragglerLedger.Records {
            if let records { return records }
            let read = try StragglerLedger(state: state).read()
            records = read
            work.ledgerTornTail = read.tornTail
            return read
        }
        let store = plan.mailboxes.store
        let source = plan.stragglers.source ?? store
        let roots = AccountFolder.allowedRoots(of: plan)
        let accounts = AccountFiles(plan: plan)
        let incoming = try accounts.incoming()
        // The snapshot's manifest, read once for all accounts and only when a folder is its own new mailbox.
        var known: (snapshot: SnapshotFolder, part: String, messages: KnownMessages)??
        for account in incoming {
            let fromPath = source.folder(of: account.userID, domain: plan.domain)
            let intoPath = store.folder(of: account.userID, domain: plan.domain)
            // Checked before any link is resolved: a folder that a link now leads elsewhere has another inode.
            let filesOfTheirOwn = plan.stragglers.source != nil && source.layout != .mbox
            if filesOfTheirOwn, let count = try work.handledFolders.unchanged(fromPath) {
                work.duplicates += count
                continue
            }
            let stamps = filesOfTheirOwn ? try HandledFolders.stamps(fromPath, layout: source.layout) : []
            guard case .folder(let from) = try resolve(account.userID, fromPath, roots, &work) else { continue }
            let inPlace = try plan.stragglers.source == nil || AccountFolder.same(intoPath, as: from)
            if inPlace {
                if known == nil { known = try snapshotMessages() }
                if case .some(.some(let snapshot)) = known {
                    try noteArrivalsInPlace(account.userID, folder: from, known: snapshot, &work)
                }
                continue
            }
            let into: String
            switch try resolve(account.userID, intoPath, roots, &work) {
            case .folder(let folder): into = folder
            case .missing: into = intoPath
            case .outsideRoots: continue
            }
            let old = try reader.messages(in: from, layout: source.layout)
            work.unmovable += old.unreadable.map { .init(account: account.userID, path: $0.path, reason: $0.reason) }
            let handled = try ledger()
            let unhandled = old.messages.filter { !handled.contains(account.userID, $0.identity.digest) }
            let removable = plan.stragglers.move && source.layout != .mbox
            guard !unhandled.isEmpty || (removable && !old.messages.isEmpty) else {
                work.duplicates += old.messages.count
                if filesOfTheirOwn && old.unreadable.isEmpty {
                    work.handledFolders.handled(fromPath, messages: old.messages.count, stamps: stamps)
                }
                continue
            }
            work.handledFolders.owed(fromPath)
            let present = Set(try reader.messages(in: into, layout: store.layout).messages.map(\.identity.digest))
            var placement = StragglerPlacement(from: source.layout, into: store.layout, folder: into)
            // The old side may hold one message twice (two names, or twice in an mbox): it is copied once.
            var planned = Set<String>()
            for message in old.messages {
                var item = StragglerWork.Item(account: account.userID, sourceFolder: from,
                                              sourceLayout: source.layout, message: message, destinationFolder: into)
                let inLedger = handled.contains(account.userID, message.identity.digest)
                if inLedger || present.contains(message.identity.digest) {
                    work.duplicates += 1
                    if !inLedger { work.toRecord.append(item) }
                    if removable { work.toRemove.append(item) }
                    continue
                }
                if planned.contains(message.identity.digest) {
                    work.duplicates += 1
                    if removable { work.toRemove.append(item) }
                    continue
                }
                switch try placement.destination(of: message) {
                case .success(let destination):
                    item.destination = destination
                    work.toCopy.append(item)
                    planned.insert(message.identity.digest)
                case .failure(let why):
                    work.unmovable.append(.init(account: account.userID, path: message.location(in: from),
                                                reason: why.reason))
                }
            }
        }
        if let separate = plan.stragglers.source {
            try noteRemovedAccounts(separate, incoming: Set(incoming.map(\.userID)), accounts, roots, &reader, &work)
        }
        work.filesRead = reader.filesRead
        work.cache = reader.cache
        return work
    }

    /// Follows the account folder when it is a link into a root the plan names; reports it otherwise.
    private func resolve(_ account: String, _ path: String, _ roots: [String],
                         _ work: inout StragglerWork) throws -> AccountFolder {
        let folder = try AccountFolder.resolve(path, allowedRoots: roots)
        if case .outsideRoots(let target) = folder { work.outsideRoots.append((account, path, target)) }
        return folder
    }

    /// Old-side mail of a removed account stays where it is (even with `move`): it has no new mailbox to go to.
    private func noteRemovedAccounts(_ source: MailStore, incoming: Set<String>, _ accounts: AccountFiles,
                                     _ roots: [String], _ reader: inout MessageReader,
                                     _ work: inout StragglerWork) throws {
        for account in try accounts.baseline(state) where !incoming.contains(account.userID) {
            let path = source.folder(of: account.userID, domain: plan.domain)
            guard case .folder(let folder) = try resolve(account.userID, path, roots, &work) else { continue }
            let count = source.layout == .mbox
                ? try reader.messages(in: folder, layout: .mbox).messages.count
                : try MailboxLayout(kind: source.layout).messageFiles(in: folder).count
            if count > 0 { work.removedAccounts.append((account.userID, folder, count)) }
        }
    }

    /// The latest snapshot's messages under the part that holds the old side, or nil without a snapshot.
    private func snapshotMessages() throws -> (snapshot: SnapshotFolder, part: String, messages: KnownMessages)? {
        guard let snapshot = try state.latestSnapshot() else { return nil }
        let part = SnapshotContents.stragglerPart(of: plan)
        return (snapshot, part, try snapshot.knownMessages(under: part))
    }

    /// One tree on both sides: what arrived after the snapshot is already in the new mailbox; it is noted, and
    /// never removed as "moved" (that would delete the only copy).
    private func noteArrivalsInPlace(_ account: String, folder: String,
                                     known: (snapshot: SnapshotFolder, part: String, messages: KnownMessages),
                                     _ work: inout StragglerWork) throws {
        let source = plan.stragglers.source ?? plan.mailboxes.store
        let before = SnapshotView(known: known.messages, root: known.snapshot.path + "/" + known.part,
                                  folder: source.template.relativePath(domain: plan.domain, userID: account))
        for file in try MailboxLayout(kind: source.layout).messageFiles(in: folder) {
            let path = folder + "/" + file.relativePath
            if try !before.held(file.relativePath, path: path, layout: source.layout) {
                work.arrivedInPlace.append(path)
            }
        }
    }
}
