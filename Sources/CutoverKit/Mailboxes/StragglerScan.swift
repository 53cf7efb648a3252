import CutoverFormats
import CutoverSystem
import Foundation

/// Computes a pass's `StragglerWork` from the world, reading only. With `stragglers.source` a separate tree, a
/// message in the old folder of an account in the new list is a straggler when the new mailbox holds no message
/// of the same identity and the ledger has not handled it, whenever it arrived. When both sides are one tree, the
/// messages that arrived after the snapshot are noted, already in place.
///
/// Accounts are first sorted out one by one (skipped while handled and unchanged, links resolved), then the
/// remaining ones are read on every core (`AccountScan`), then their findings are added up in account order, so
/// the work is the same however the reading was spread.
struct StragglerScan {
    let plan: Plan
    let state: StateFolder
    /// What an earlier scan in this process read (a pass rescans after it applied): its digest cache, whose
    /// entries stay true while their files are unchanged, its ledger, read on from where it stopped, and the
    /// folder records as the pass left them (saved), instead of reading them back.
    let earlier: Earlier?

    typealias Earlier = (cache: DigestCache, ledger: StragglerLedger.Records?, handledFolders: HandledFolders?)

    init(plan: Plan, state: StateFolder, earlier: Earlier? = nil) {
        self.plan = plan
        self.state = state
        self.earlier = earlier
    }

    func work() throws -> StragglerWork {
        var reader = MessageReader(cache: earlier?.cache.forNextScan() ?? DigestCache(state: state))
        var work = StragglerWork(move: plan.stragglers.move, cache: reader.cache,
                                 handledFolders: earlier?.handledFolders ?? HandledFolders(state: state))
        let store = plan.mailboxes.store
        let source = plan.stragglers.source ?? store
        let roots = AccountFolder.Resolver(allowedRoots: AccountFolder.allowedRoots(of: plan))
        let accounts = AccountFiles(plan: plan)
        let incoming = try accounts.incoming()
        // The snapshot's manifest, read once for all accounts and only when a folder is its own new mailbox.
        var known: (snapshot: SnapshotFolder, part: String, messages: KnownMessages)??
        var toRead: [AccountScan] = []
        let filesOfTheirOwn = plan.stragglers.source != nil && source.layout != .mbox
        let sorted = sortOut(incoming, handledFolders: work.handledFolders, roots: roots,
                             filesOfTheirOwn: filesOfTheirOwn)
        for (account, sorting) in zip(incoming, sorted) {
            let fromPath = source.folder(of: account.userID, domain: plan.domain)
            let intoPath = store.folder(of: account.userID, domain: plan.domain)
            guard case .listed(let stamps, let fromFolder, let inPlace, let intoFolder) = try sorting.get() else {
                if case .unchanged(let messages) = try sorting.get() { work.duplicates += messages }
                continue
            }
            guard case .folder(let from) = note(account.userID, fromPath, fromFolder, &work) else { continue }
            if inPlace {
                if known == nil { known = try snapshotMessages() }
                if case .some(.some(let snapshot)) = known {
                    try noteArrivalsInPlace(account.userID, folder: from, known: snapshot, &work)
                }
                continue
            }
            let into: String
            switch intoFolder.map({ note(account.userID, intoPath, $0, &work) }) {
            case .folder(let folder)?: into = folder
            case .missing?, nil: into = intoPath
            case .outsideRoots?: continue
            }
            toRead.append(AccountScan(account: account.userID, folderPath: fromPath, from: from, into: into,
                                      stamps: stamps, filesOfTheirOwn: filesOfTheirOwn))
        }
        // The accounts before the import, for the mail of removed ones (see below).
        var baseline: Result<[IndexedAccount], any Error>?
        if !toRead.isEmpty {
            // Both read once (side by side) before the accounts are spread over the cores, which then share them;
            // the accounts before the import are parsed meanwhile.
            let (unloaded, ledger, earlierLedger) = (reader.cache, StragglerLedger(state: state), earlier?.ledger)
            let removedMatter = plan.stragglers.source != nil
            let (read, (loaded, parsed)) = Parallel.both({ Result { try ledger.read(continuing: earlierLedger) } }, {
                var cache = unloaded
                cache.load()
                return (cache, removedMatter ? Result { try accounts.baseline(state) } : nil)
            })
            baseline = parsed
            let handled = try read.get()
            reader.cache = loaded
            work.ledger = handled
            work.ledgerTornTail = handled.tornTail
            let shared = reader
            let scanned = Parallel.map(toRead) { account in
                Result { try account.read(plan: plan, handled: handled, reader: shared.sharingCache()) }
            }
            for (account, result) in zip(toRead, scanned) {
                let found = try result.get()
                reader.absorb(found.reader)
                account.add(found, to: &work)
            }
        }
        if let separate = plan.stragglers.source {
            try noteRemovedAccounts(separate, baseline: try baseline?.get() ?? accounts.baseline(state),
                                    incoming: Set(incoming.map(\.userID)), roots, &reader, &work)
        }
        work.filesRead = reader.filesRead
        work.cache = reader.cache
        return work
    }

    /// `folder`, resolved from `path`; one outside the roots the plan names is reported.
    private func note(_ account: String, _ path: String, _ folder: AccountFolder,
                      _ work: inout StragglerWork) -> AccountFolder {
        if case .outsideRoots(let target) = folder { work.outsideRoots.append((account, path, target)) }
        return folder
    }

    /// Old-side mail of a removed account stays where it is (even with `move`): it has no new mailbox to go to.
    private func noteRemovedAccounts(_ source: MailStore, baseline: [IndexedAccount], incoming: Set<String>,
                                     _ roots: AccountFolder.Resolver, _ reader: inout MessageReader,
                                     _ work: inout StragglerWork) throws {
        for account in baseline where !incoming.contains(account.userID) {
            let path = source.folder(of: account.userID, domain: plan.domain)
            guard case .folder(let folder) = note(account.userID, path, try roots.resolve(path), &work) else { continue }
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
