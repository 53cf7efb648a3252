import CutoverSystem

/// What the old side holds that the new side still lacks, read from the world each time: the snapshot's
/// manifest says what was there before the cutover, the new mailbox says what already arrived.
struct StragglerScan {
    struct Straggler {
        var userID: String
        var source: String
        var destination: String
    }

    /// Messages to copy across (then, with `move`, remove from the source).
    var toCopy: [Straggler] = []
    /// Messages already safe in the new mailbox whose source copy `move` still has to remove.
    var toRemove: [Straggler] = []
    /// Messages that arrived after the snapshot in place (no separate source): already where they belong.
    var arrivedInPlace: [String] = []
    /// Messages that cannot be moved, with the reason.
    var unmovable: [(path: String, reason: String)] = []

    var pendingCount: Int { toCopy.count + toRemove.count }

    static func scan(_ plan: Plan, snapshot: SnapshotFolder, accounts: AccountFiles, state: StateFolder) throws -> Self {
        var scan = StragglerScan()
        let known = try snapshot.digests(under: SnapshotContents.stragglerPart(of: plan))
        let incoming = try accounts.incoming()
        let store = plan.mailboxes.store
        guard let source = plan.stragglers.source, source.root != store.root else {
            let layout = MailboxLayout(kind: store.layout)
            for account in incoming {
                let folder = store.folder(of: account.userID, domain: plan.domain)
                for message in try layout.messages(in: folder) where !known.contains(try message.identity(in: folder).digest) {
                    scan.arrivedInPlace.append(folder + "/" + message.relativePath)
                }
            }
            return scan
        }
        let sourceLayout = MailboxLayout(kind: source.layout)
        for account in incoming {
            let from = source.folder(of: account.userID, domain: plan.domain)
            let into = store.folder(of: account.userID, domain: plan.domain)
            var arrived: [(StoredMessage, MessageIdentity)] = []
            for message in try sourceLayout.messages(in: from) {
                let identity = try message.identity(in: from)
                if !known.contains(identity.digest) { arrived.append((message, identity)) }
            }
            guard !arrived.isEmpty else { continue }
            guard source.layout == store.layout, MailboxLayout(kind: store.layout).acceptsMessageFiles else {
                for (message, _) in arrived {
                    scan.unmovable.append((from + "/" + message.relativePath,
                                           "cannot place a \(source.layout.rawValue) message into a \(store.layout.rawValue) mailbox"))
                }
                continue
            }
            let present = try identities(in: into, layout: MailboxLayout(kind: store.layout))
            for (message, identity) in arrived {
                let straggler = Straggler(userID: account.userID, source: from + "/" + message.relativePath,
                                          destination: into + "/" + message.relativePath)
                if present.contains(identity) {
                    if plan.stragglers.move { scan.toRemove.append(straggler) }
                } else if try FileStatus.ifExists(straggler.destination) != nil {
                    scan.unmovable.append((straggler.source, "\(straggler.destination) exists with other content"))
                } else {
                    scan.toCopy.append(straggler)
                }
            }
        }
        try scan.noteRemovedAccounts(plan, source: source, accounts: accounts, state: state, known: known)
        return scan
    }

    /// Mail that reached a removed account on the old side after the snapshot has no new mailbox to go to.
    private mutating func noteRemovedAccounts(_ plan: Plan, source: MailStore, accounts: AccountFiles,
                                              state: StateFolder, known: Set<String>) throws {
        let incomingIDs = Set(try accounts.incoming().map(\.userID))
        let layout = MailboxLayout(kind: source.layout)
        for account in try accounts.baseline(state) where !incomingIDs.contains(account.userID) {
            let folder = source.folder(of: account.userID, domain: plan.domain)
            for message in try layout.messages(in: folder) where !known.contains(try message.identity(in: folder).digest) {
                unmovable.append((folder + "/" + message.relativePath, "account \(account.userID) was removed"))
            }
        }
    }

    private static func identities(in folder: String, layout: MailboxLayout) throws -> Set<MessageIdentity> {
        Set(try layout.messages(in: folder).map { try $0.identity(in: folder) })
    }
}
