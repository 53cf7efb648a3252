import CutoverFormats
import CutoverSystem
import Foundation

/// What the old side holds that the new side still lacks, read from the world each time: the snapshot's
/// manifest says what was there before the cutover, the new mailbox and the ledger say what already arrived.
struct StragglerScan {
    struct Straggler {
        var userID: String
        var source: String
        var destination: String
        var digest: String
    }

    /// Messages to copy across (then, with `move`, remove from the source).
    var toCopy: [Straggler] = []
    /// Messages already safe on the new side whose source copy `move` still has to remove.
    var toRemove: [Straggler] = []
    /// Messages that arrived after the snapshot in a folder that is itself the new mailbox: already in place.
    var arrivedInPlace: [String] = []
    /// Messages that cannot be moved, with the reason.
    var unmovable: [(path: String, reason: String)] = []

    static func scan(_ plan: Plan, snapshot: SnapshotFolder, accounts: AccountFiles, state: StateFolder) throws -> Self {
        var scan = StragglerScan()
        let part = SnapshotContents.stragglerPart(of: plan)
        let known = try snapshot.knownMessages(under: part)
        let handled = try StragglerLedger(state: state).handled()
        let store = plan.mailboxes.store
        let source = plan.stragglers.source ?? store
        let sourceLayout = MailboxLayout(kind: source.layout)
        let incoming = try accounts.incoming()
        for account in incoming {
            let from = source.folder(of: account.userID, domain: plan.domain)
            let into = store.folder(of: account.userID, domain: plan.domain)
            let snapshotFolder = source.template.relativePath(domain: plan.domain, userID: account.userID)
            let inPlace = try Self.sameFolder(from, into)
            var arrived: [(StoredMessage, MessageIdentity)] = []
            var before = SnapshotView(known: known, root: snapshot.path + "/" + part, folder: snapshotFolder)
            for message in try sourceLayout.messages(in: from) {
                do {
                    let identity = try message.identity(in: from)
                    if try !before.held(message, identity) { arrived.append((message, identity)) }
                } catch {
                    scan.unmovable.append((from + "/" + message.relativePath, "unreadable: \(error)"))
                }
            }
            guard !arrived.isEmpty else { continue }
            if inPlace {
                scan.arrivedInPlace += arrived.map { from + "/" + $0.0.relativePath }
                continue
            }
            guard source.layout == store.layout, MailboxLayout(kind: store.layout).acceptsMessageFiles else {
                scan.unmovable += arrived.map { (from + "/" + $0.0.relativePath,
                    "cannot place a \(source.layout.rawValue) message into a \(store.layout.rawValue) mailbox") }
                continue
            }
            let present = Set(try MailboxLayout(kind: store.layout).messages(in: into).compactMap { try? $0.identity(in: into) })
            for (message, identity) in arrived {
                var straggler = Straggler(userID: account.userID, source: from + "/" + message.relativePath,
                                          destination: into + "/" + message.relativePath, digest: identity.digest)
                if present.contains(identity) || handled.contains(StragglerLedger.key(account.userID, identity.digest)) {
                    if plan.stragglers.move { scan.toRemove.append(straggler) }
                    continue
                }
                if try FileStatus.ifExists(straggler.destination) != nil {
                    // Same name, other message (numbered msgdir files clash all the time): a name of its own,
                    // derived from its digest so every run picks the same one.
                    straggler.destination = into + "/" + Self.distinctName(message.relativePath, digest: identity.digest)
                }
                if try FileStatus.ifExists(straggler.destination) != nil {
                    scan.unmovable.append((straggler.source, "\(straggler.destination) exists with other content"))
                } else {
                    scan.toCopy.append(straggler)
                }
            }
        }
        if let separate = plan.stragglers.source {
            try scan.noteRemovedAccounts(plan, source: separate, incomingIDs: Set(incoming.map(\.userID)),
                                         accounts: accounts, state: state, known: known,
                                         snapshotPart: snapshot.path + "/" + part)
        }
        return scan
    }

    /// `cur/X:2,S` → `cur/X.d1a2b3c4d5e6:2,S`, `12.eml` → `12.d1a2b3c4d5e6.eml`: the Maildir flags and the msgdir
    /// extension (which marks a file as a message) stay where the mail server looks for them.
    static func distinctName(_ relativePath: String, digest: String) -> String {
        let tag = ".d" + digest.prefix(12)
        let folder = (relativePath as NSString).deletingLastPathComponent
        var name = (relativePath as NSString).lastPathComponent
        var info = ""
        if let colon = name.firstIndex(of: ":") {
            info = String(name[colon...])
            name = String(name[..<colon])
        }
        if MailboxLayout.isMessageFileName(name) {
            name = String(name.dropLast(4)) + tag + String(name.suffix(4))
        } else {
            name += tag
        }
        return (folder.isEmpty ? "" : folder + "/") + name + info
    }

    /// The same folder however it is spelt (another root string, a symlink, a bind mount): then mail found there
    /// is already in the new mailbox, and removing it as "moved" would delete the only copy.
    static func sameFolder(_ first: String, _ second: String) throws -> Bool {
        guard let one = try FileStatus.ifExists(Self.resolved(first)),
              let other = try FileStatus.ifExists(Self.resolved(second)) else { return first == second }
        return one.device == other.device && one.inode == other.inode
    }

    static func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    /// Mail that reached a removed account on the old side after the snapshot has no new mailbox to go to.
    private mutating func noteRemovedAccounts(_ plan: Plan, source: MailStore, incomingIDs: Set<String>,
                                              accounts: AccountFiles,
                                              state: StateFolder, known: KnownMessages, snapshotPart: String) throws {
        let layout = MailboxLayout(kind: source.layout)
        for account in try accounts.baseline(state) where !incomingIDs.contains(account.userID) {
            let folder = source.folder(of: account.userID, domain: plan.domain)
            let snapshotFolder = source.template.relativePath(domain: plan.domain, userID: account.userID)
            var before = SnapshotView(known: known, root: snapshotPart, folder: snapshotFolder)
            for message in try layout.messages(in: folder) {
                if let identity = try? message.identity(in: folder), try before.held(message, identity) { continue }
                unmovable.append((folder + "/" + message.relativePath, "account \(account.userID) was removed"))
            }
        }
    }
}

/// Was a message in this account's folder at snapshot time? The manifest digests whole files, which answers for
/// Maildir and msgdir; an mbox file holds many messages, so for those the snapshot's copy of the file is read,
/// message by message (once per file).
struct SnapshotView {
    let known: KnownMessages
    /// The snapshot part's folder, and the account's folder inside it.
    let root: String
    let folder: String
    private var mboxDigests: [String: Set<String>] = [:]

    init(known: KnownMessages, root: String, folder: String) {
        self.known = known
        self.root = root
        self.folder = folder
    }

    mutating func held(_ message: StoredMessage, _ identity: MessageIdentity) throws -> Bool {
        guard message.range != nil else { return known.contains(identity.digest, inFolder: folder) }
        if let digests = mboxDigests[message.relativePath] { return digests.contains(identity.digest) }
        let path = root + "/" + folder + "/" + message.relativePath
        var digests = Set<String>()
        if try FileStatus.ifExists(path) != nil {
            let bytes = try FileReading.bytes(path)
            digests = Set(Mbox.messageRanges(in: bytes).map { StoredMessage.mboxDigest(bytes[$0]) })
        }
        mboxDigests[message.relativePath] = digests
        return digests.contains(identity.digest)
    }
}
