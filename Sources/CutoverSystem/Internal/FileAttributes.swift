import Glibc

/// Giving a copy the attributes of its original.
enum FileAttributes {
    /// Owner first (chown clears setuid/setgid), then mode, then access and modification times (last, so nothing
    /// changes them again).
    static func copy(_ info: stat, to fd: Int32, path: @autoclosure () -> String) throws {
        guard fchown(fd, info.st_uid, info.st_gid) == 0 else { throw SystemError("change the owner of", path()) }
        guard fchmod(fd, info.st_mode & 0o7777) == 0 else { throw SystemError("change the permissions of", path()) }
        var times = [info.st_atim, info.st_mtim]
        guard futimens(fd, &times) == 0 else { throw SystemError("set the times of", path()) }
    }
}
