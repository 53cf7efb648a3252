import Glibc

/// What `lstat(2)` says about one path: its kind, size, permissions, owner, modification time and identity.
/// Symbolic links are described themselves, never followed.
public struct FileStatus: Sendable, Equatable {
    /// The kinds of entries cutover treats differently; sockets, fifos and devices are all `other`.
    public enum Kind: Sendable {
        case regular, directory, symlink, other
    }

    public var kind: Kind
    public var size: Int64
    /// Permission bits only (`& 0o7777`), including setuid, setgid and sticky.
    public var mode: mode_t
    public var uid: uid_t
    public var gid: gid_t
    /// Seconds since 1970, with the nanoseconds as the fraction.
    public var modificationTime: Double
    public var device: UInt64
    public var inode: UInt64
    public var linkCount: UInt64

    public init(kind: Kind, size: Int64, mode: mode_t, uid: uid_t, gid: gid_t, modificationTime: Double,
                device: UInt64, inode: UInt64, linkCount: UInt64) {
        self.kind = kind
        self.size = size
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.modificationTime = modificationTime
        self.device = device
        self.inode = inode
        self.linkCount = linkCount
    }

    init(_ info: stat) {
        self.init(kind: Kind(mode: info.st_mode), size: Int64(info.st_size), mode: info.st_mode & 0o7777,
                  uid: info.st_uid, gid: info.st_gid,
                  modificationTime: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000,
                  device: UInt64(info.st_dev), inode: UInt64(info.st_ino), linkCount: UInt64(info.st_nlink))
    }

    /// The status of `path` itself (a symbolic link is not followed); throws `SystemError` when it cannot be read.
    public static func of(_ path: String) throws -> FileStatus {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw SystemError("inspect", path) }
        return FileStatus(info)
    }

    /// The status of `path`, or nil when nothing is there (ENOENT, or ENOTDIR because a parent is a file).
    /// Any other failure, such as a permission problem, throws: "missing" must never be guessed.
    public static func ifExists(_ path: String) throws -> FileStatus? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SystemError("inspect", path)
        }
        return FileStatus(info)
    }
}

extension FileStatus.Kind {
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symlink
        default: self = .other
        }
    }
}
