/// One regular file of a mirror that `TreeSync` keeps up to date: what a manifest says about it, plus the identity
/// of its original (a Maildir flag change is a rename: same inode, new name) and of the copy (so the mirror can be
/// trusted again after a crash left it half updated).
public struct MirroredFile: Sendable, Codable, Equatable {
    /// Relative to the tree's root, "/"-separated.
    public var path: String
    public var size: Int64
    /// The original's modification time (the copy carries the same).
    public var mtime: Double
    /// SHA-256 hex of the content.
    public var digest: String
    /// For a hard link: the path of the first name of the same file, as in a snapshot manifest.
    public var link: String?
    /// The original's device and inode.
    public var device: UInt64
    public var inode: UInt64
    /// The original's permission bits and owner, given to the copy.
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    /// The copy's inode inside the mirror.
    public var copyInode: UInt64

    public init(path: String, size: Int64, mtime: Double, digest: String, link: String?, device: UInt64,
                inode: UInt64, mode: UInt32, uid: UInt32, gid: UInt32, copyInode: UInt64) {
        self.path = path
        self.size = size
        self.mtime = mtime
        self.digest = digest
        self.link = link
        self.device = device
        self.inode = inode
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.copyInode = copyInode
    }
}

/// Everything a mirror holds, as recorded after its last complete update.
public struct MirrorState: Sendable, Equatable {
    public var files: [MirroredFile]
    /// Relative paths of the folders below the root, parents before children.
    public var folders: [String]
    /// Relative paths of the symbolic links.
    public var links: [String]
    /// Files found in the mirror that no record vouches for (left by an update cut short): removed first.
    public var strays: [String] = []

    public init(files: [MirroredFile] = [], folders: [String] = [], links: [String] = []) {
        self.files = files
        self.folders = folders
        self.links = links
    }
}
