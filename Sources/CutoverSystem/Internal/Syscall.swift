import Glibc

/// Thin wrappers over the system calls every file here needs, so each one retries EINTR and turns a failure into a
/// `SystemError` that names the path the administrator cares about (not a temporary or a descriptor number).
enum Syscall {
    /// `open(2)` with O_CLOEXEC always added: daemons started by our commands must never inherit our descriptors.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0, operation: String = "open",
                     naming name: String? = nil) throws -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw SystemError(operation, name ?? path) }
        }
    }

    /// Writes all `count` bytes, across short writes and signals.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer?, count: Int,
                         path: @autoclosure () -> String) throws {
        guard count > 0, let bytes else { return }
        var done = 0
        while done < count {
            let written = Glibc.write(fd, bytes + done, count - done)
            if written > 0 {
                done += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                // A zero-byte write on a regular file only happens when the disk is full.
                throw SystemError("write", path(), errno: written == 0 ? ENOSPC : errno)
            }
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: @autoclosure () -> String) throws {
        try bytes.withUnsafeBytes { try writeAll(fd, $0.baseAddress, count: $0.count, path: path()) }
    }

    /// One `read(2)`, retried on EINTR; 0 means end of file.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer,
                     path: @autoclosure () -> String) throws -> Int {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw SystemError("read", path()) }
        }
    }

    static func fstat(_ fd: Int32, path: String) throws -> stat {
        var info = stat()
        guard Glibc.fstat(fd, &info) == 0 else { throw SystemError("inspect", path) }
        return info
    }

    static func fsync(_ fd: Int32, path: String) throws {
        while Glibc.fsync(fd) != 0 {
            if errno != EINTR { throw SystemError("flush to disk", path) }
        }
    }

    /// `close(2)` whose error matters: on NFS a failed write can first surface here.
    static func close(_ fd: Int32, path: String) throws {
        // Linux frees the descriptor even when close fails, so EINTR must not be retried.
        guard Glibc.close(fd) == 0 || errno == EINTR else { throw SystemError("write", path) }
    }

    /// For error paths where a first failure is already being reported.
    static func closeQuietly(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}
