/// One regular file of a mirror that `TreeSync` keeps up to date: what a manifest says about it, plus the identity
/// of its original (a Maildir flag change is a rename: same inode, new name) and of the copy (so the mirror can be
/// trusted again after a crash left it half updated).
public struct MirroredFile: Sendable, Equatable {
    /// Relative to the tree's root, "/"-separated.
    public var path: String
    public var size: Int64
    /// The original's modification time in nanoseconds since 1970 (the copy carries the same).
    public var modified: Int64
    /// SHA-256 hex of the content.
    public var digest: String
    /// For a hard link: the path of the first name of the same file, as in a snapshot manifest.
    public var link: String?
    /// The original's device and inode, and how many names it had.
    public var device: UInt64
    public var inode: UInt64
    public var linkCount: UInt64
    /// The original's permission bits and owner, given to the copy.
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    /// The copy's inode inside the mirror.
    public var copyInode: UInt64

    /// `modified` in seconds, as `FileStatus.modificationTime` gives it (from the same seconds and nanoseconds).
    public var mtime: Double {
        let time = MirroredFolder.time(modified)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }

    public init(path: String, size: Int64, modified: Int64, digest: String, link: String?, device: UInt64,
                inode: UInt64, linkCount: UInt64, mode: UInt32, uid: UInt32, gid: UInt32, copyInode: UInt64) {
        self.path = path
        self.size = size
        self.modified = modified
        self.digest = digest
        self.link = link
        self.device = device
        self.inode = inode
        self.linkCount = linkCount
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.copyInode = copyInode
    }
}
