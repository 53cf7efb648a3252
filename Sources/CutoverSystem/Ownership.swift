import Glibc

/// The owner, group and permission bits a file or folder is given when cutover creates or rewrites it.
public struct Ownership: Sendable, Hashable {
    public var uid: uid_t
    public var gid: gid_t
    /// Permission bits (`& 0o7777`).
    public var mode: mode_t

    public init(uid: uid_t, gid: gid_t, mode: mode_t) {
        self.uid = uid
        self.gid = gid
        self.mode = mode & 0o7777
    }

    /// Owned by this process's user and group: what cutover makes for itself (the state folder, the demo's tree).
    public static func ofThisProcess(mode: mode_t) -> Ownership {
        Ownership(uid: getuid(), gid: getgid(), mode: mode)
    }

    /// The ownership `status` describes, to give a new file the same as an existing one.
    public init(of status: FileStatus) {
        self.init(uid: status.uid, gid: status.gid, mode: status.mode)
    }

    /// Applies this ownership to an open file. The owner goes first: chown(2) clears setuid and setgid bits,
    /// so a chmod before it could be undone.
    func apply(to fd: Int32, path: String) throws {
        guard fchown(fd, uid, gid) == 0 else { throw SystemError("change the owner of", path) }
        guard fchmod(fd, mode) == 0 else { throw SystemError("change the permissions of", path) }
    }
}
