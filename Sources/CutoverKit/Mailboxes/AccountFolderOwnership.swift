import CutoverSystem
import Foundation

/// The owner, group and mode new mail folders and files must get: those of the account folders beside them
/// (typically the virtual-mail user), so the mail server can read and write what the cutover creates.
///
/// What most folders share wins, never simply the first one: a root-owned `Archive-2019` (0700) beside the
/// mailboxes sorts before them and would otherwise give every new mailbox an owner the mail server cannot use.
enum AccountFolderOwnership {
    static func forNewFolder(in parent: String, excluding name: String? = nil) throws -> Ownership {
        var folders: [Ownership] = []
        for sibling in try Directories.entries(parent) where sibling != name && !sibling.hasPrefix(".") {
            let status = try FileStatus.of(parent + "/" + sibling)
            if status.kind == .directory { folders.append(Ownership(of: status)) }
        }
        return try mostCommon(folders) ?? Ownership(of: FileStatus.of(parent))
    }

    /// The new mailbox of `account`: its own uid and gid when its passwd-file entry gives them (that is who the
    /// mail server delivers as), with the mode the existing account mailboxes share; otherwise what the mailboxes
    /// of the accounts in `existing` share; only when none exists, `forNewFolder`. Folders of no account never count.
    static func forNewMailbox(of account: IndexedAccount, existing: [IndexedAccount], plan: Plan) throws -> Ownership {
        let store = plan.mailboxes.store
        var mailboxes: [Ownership] = []
        for other in existing where other.userID != account.userID {
            let path = store.folder(of: other.userID, domain: plan.domain)
            if let status = try FileStatus.ifExists(path), status.kind == .directory {
                mailboxes.append(Ownership(of: status))
            }
        }
        let folder = store.folder(of: account.userID, domain: plan.domain) as NSString
        let shared = try mostCommon(mailboxes)
            ?? forNewFolder(in: folder.deletingLastPathComponent, excluding: folder.lastPathComponent)
        // Only root can give a folder away; anyone else (the demo, a test) keeps what the mailboxes beside share.
        guard geteuid() == 0, let entry = account.passwdEntry, let uid = uid_t(entry.uid), let gid = gid_t(entry.gid)
        else { return shared }
        return Ownership(uid: uid, gid: gid, mode: shared.mode)
    }

    /// A message file: the account folder's owner and group, read-write for them only.
    static func forMessage(in accountFolder: String) throws -> Ownership {
        let folder = try FileStatus.of(accountFolder)
        return Ownership(uid: folder.uid, gid: folder.gid, mode: 0o600)
    }

    /// The ownership most of `candidates` have; a tie goes to a non-root owner (mail is delivered as a mail user),
    /// then to the lower uid, so the answer never depends on listing order.
    static func mostCommon(_ candidates: [Ownership]) -> Ownership? {
        var counts: [Ownership: Int] = [:]
        for candidate in candidates { counts[candidate, default: 0] += 1 }
        return counts.max { left, right in
            (left.value, left.key.uid == 0 ? 0 : 1, -Int(left.key.uid), -Int(left.key.gid), -Int(left.key.mode))
                < (right.value, right.key.uid == 0 ? 0 : 1, -Int(right.key.uid), -Int(right.key.gid), -Int(right.key.mode))
        }?.key
    }
}
