import Glibc

/// rename(2) that never replaces an existing target, which plain rename(2) silently does.
enum NoReplaceRename {
    /// Renames `from` to `to`; fails with EEXIST (as a `SystemError` naming both) when `to` exists.
    static func rename(_ from: String, to: String) throws {
        if let renameat2 = GNUFunctions.renameat2 {
            if renameat2(AT_FDCWD, from, AT_FDCWD, to, GNUFunctions.renameNoReplace) == 0 { return }
            // Some file systems (older NFS, FUSE) do not support the flag: only then fall back.
            guard errno == EINVAL || errno == ENOSYS else { throw failure(from, to) }
        }
        var info = stat()
        if lstat(to, &info) == 0 { throw failure(from, to, errno: EEXIST) }
        guard errno == ENOENT else { throw failure(from, to) }
        guard Glibc.rename(from, to) == 0 else { throw failure(from, to) }
    }

    private static func failure(_ from: String, _ to: String, errno: Int32 = Glibc.errno) -> SystemError {
        SystemError("rename \(from) to", to, errno: errno)
    }
}
