import Glibc

/// A file made with no name in its folder (Linux's O_TMPFILE) and named once complete (linkat): never visible
/// half-written, gone without a trace if the process dies first, and one change to the folder instead of a
/// temporary name's creation and its rename (a sweep places thousands of messages a second). Not every file system
/// has unnamed files (ext4, XFS, Btrfs and tmpfs do); where one has not, callers use a temporary name.
enum UnnamedFile {
    /// `__O_TMPFILE | O_DIRECTORY`: the C macro is not imported into Swift. `__O_TMPFILE` is the same on x86-64
    /// and AArch64; O_DIRECTORY, which differs between them, comes from Glibc.
    private static let flags = Int32(0o20000000) | O_DIRECTORY | O_WRONLY | O_CLOEXEC

    /// Unnamed files are named through /proc (see `name`): without it, never made (each would be written twice).
    static let available = access("/proc/self/fd", F_OK) == 0

    /// A new unnamed file in `folder`, open for writing, with the permission bits `mode` (less the umask); nil
    /// when the file system, the kernel or the folder cannot have one (the temporary name then reports why).
    static func create(in folder: String, mode: mode_t) -> Int32? {
        guard available else { return nil }
        let fd = open(folder, flags, mode)
        return fd >= 0 ? fd : nil
    }

    /// Gives the unnamed file `fd` the name `path`, which must not exist (EEXIST; nothing is replaced). False when
    /// it cannot be named this way here (the folder gone, a hard-link restriction, a file system that refuses):
    /// the caller then uses a temporary name, which reports a real problem by name.
    static func name(_ fd: Int32, as path: String) throws -> Bool {
        // Through /proc, not AT_EMPTY_PATH: that needs a capability a mail administrator's shell may lack.
        guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else {
            if [ENOENT, EPERM, EACCES, EOPNOTSUPP, EXDEV].contains(errno) { return false }
            throw SystemError("create", path)
        }
        return true
    }
}
