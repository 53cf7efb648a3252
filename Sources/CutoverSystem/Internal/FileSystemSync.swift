import Glibc

/// Flushing a whole file system to disk at once.
enum FileSystemSync {
    /// syncfs(2) on the file system holding `fd`: every dirty file, folder and journal entry there is on disk when
    /// it returns, and since Linux 5.8 a write-back error on any of them is reported. Without syncfs in the C
    /// library, sync(2), which flushes every file system and waits on Linux.
    static func flush(_ fd: Int32, path: String) throws {
        guard let syncfs = GNUFunctions.syncfs else { return sync() }
        while syncfs(fd) != 0 {
            if errno != EINTR { throw SystemError("flush to disk", path) }
        }
    }
}
