import Glibc

/// A file's identity on the host: equal keys are hard links of one another.
struct InodeKey: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
