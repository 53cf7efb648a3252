import CutoverSystem

/// The owner, group and mode new mail folders and files must get: those of the account folders beside them
/// (typically the virtual-mail user), so the mail server can read and write what the cutover creates.
enum AccountFolderOwnership {
    static func forNewFolder(in parent: String, excluding name: String? = nil) throws -> Ownership {
        for sibling in try Directories.entries(parent) where sibling != name && !sibling.hasPrefix(".") {
            let status = try FileStatus.of(parent + "/" + sibling)
            if status.kind == .directory { return Ownership(of: status) }
        }
        return Ownership(of: try FileStatus.of(parent))
    }

    /// A message file: the account folder's owner and group, read-write for them only.
    static func forMessage(in accountFolder: String) throws -> Ownership {
        let folder = try FileStatus.of(accountFolder)
        return Ownership(uid: folder.uid, gid: folder.gid, mode: 0o600)
    }
}
