import Glibc

/// Explicit flushes to disk: a rename or a new file is only durable once its folder has been fsync'd too.
public enum Durability {
    /// fsync(2) on the folder `path`, making the entries created, renamed or removed in it durable.
    public static func syncDirectory(_ path: String) throws {
        let fd = try Syscall.open(path, O_RDONLY | O_DIRECTORY, operation: "open the folder")
        defer { Syscall.closeQuietly(fd) }
        try Syscall.fsync(fd, path: path)
    }

    /// fsync(2) on the file `path`, making its content and attributes durable.
    public static func syncFile(_ path: String) throws {
        let fd = try Syscall.open(path, O_RDONLY)
        defer { Syscall.closeQuietly(fd) }
        try Syscall.fsync(fd, path: path)
    }
}
