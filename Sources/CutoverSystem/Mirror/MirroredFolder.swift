import Glibc

/// One folder of a mirror's source as the record keeps it: the attributes its copy gets, and a stamp (its mtime and
/// inode, taken just before it was listed) that lets a later update skip listing it while neither has moved.
struct MirroredFolder: Equatable {
    /// What the folder held when it was listed. Only a folder of files or an empty one can be skipped: a change
    /// deeper down does not move its mtime.
    enum Contents: UInt8 {
        case empty = 101   // "e"
        case files = 102   // "f"
        case mixed = 109   // "m"
    }

    /// Relative to the tree's root ("" for the root itself).
    var path: String
    var contents: Contents
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    /// Nanoseconds since 1970: exact, so that a change within the same second still shows.
    var mtime: Int64
    var device: UInt64
    var inode: UInt64
    /// When it was listed (the real clock, in nanoseconds since 1970, read before the folder was opened).
    var stampedAt: Int64

    init(path: String, contents: Contents, status: stat, stampedAt: Int64) {
        self.path = path
        self.contents = contents
        (mode, uid, gid) = (UInt32(status.st_mode & 0o7777), status.st_uid, status.st_gid)
        mtime = Self.nanoseconds(status.st_mtim)
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        self.stampedAt = stampedAt
    }

    init(path: String, contents: Contents, mode: UInt32, uid: UInt32, gid: UInt32, mtime: Int64, device: UInt64,
         inode: UInt64, stampedAt: Int64) {
        (self.path, self.contents, self.mode, self.uid, self.gid) = (path, contents, mode, uid, gid)
        (self.mtime, self.device, self.inode, self.stampedAt) = (mtime, device, inode, stampedAt)
    }

    /// Whether the folder, now `status`, still holds exactly what it held when it was listed. Adding, removing or
    /// renaming an entry sets a folder's mtime, and a folder replaced has another inode. A folder changed just
    /// before it was listed does not count (see `FolderSettling`).
    func unchanged(_ status: stat) -> Bool {
        inode == UInt64(status.st_ino) && device == UInt64(status.st_dev)
            && mtime == Self.nanoseconds(status.st_mtim) && isSettled
    }

    /// Whether the stamp can be trusted: the folder had stood still for a while when it was listed.
    var isSettled: Bool { FolderSettling.isSettled(modifiedAt: mtime, stampedAt: stampedAt) }

    /// Whether the copy's owner, mode and mtime are those `status` calls for.
    func sameAttributes(_ status: stat) -> Bool {
        mode == UInt32(status.st_mode & 0o7777) && uid == status.st_uid && gid == status.st_gid
            && mtime == Self.nanoseconds(status.st_mtim)
    }

    static func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }

    /// The inverse of `nanoseconds` (before 1970 too: the nanoseconds part is never negative).
    static func time(_ nanoseconds: Int64) -> timespec {
        let (seconds, rest) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        return rest < 0 ? Glibc.timespec(tv_sec: Int(seconds - 1), tv_nsec: Int(rest + 1_000_000_000))
            : Glibc.timespec(tv_sec: Int(seconds), tv_nsec: Int(rest))
    }

    /// The real time now, as file systems stamp it.
    static func now() -> Int64 {
        var time = Glibc.timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return nanoseconds(time)
    }
}
