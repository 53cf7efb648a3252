import Foundation
import Glibc

/// An exclusive flock(2) on a file, held from `acquire` until `release()` or deinit. The kernel drops it when the
/// holder dies, so a lock file left by a crashed run is simply taken over; the pid inside is only for people.
public final class FileLock: @unchecked Sendable {
    public let path: String
    // Guarded by `guardLock`; -1 once released.
    private var fd: Int32
    private let guardLock = NSLock()

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// flock(LOCK_EX|LOCK_NB) on `path` (created 0644, O_CLOEXEC, never through a symbolic link). On success the file is truncated and our pid
    /// written into it, and the descriptor stays open until `release()`. When another process (or another open of
    /// the file in this process) holds it, reads the holder's pid from the file and throws `LockHeld`.
    public static func acquire(at path: String) throws -> FileLock {
        // O_NOFOLLOW: a lock file replaced by a symbolic link must not get its target truncated.
        let fd = try Syscall.open(path, O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o644, operation: "open the lock file")
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            if failure == EINTR { continue }
            defer { Syscall.closeQuietly(fd) }
            if failure == EWOULDBLOCK { throw LockHeld(path: path, holderPID: holderPID(fd)) }
            throw SystemError("lock", path, errno: failure)
        }
        do {
            let pid = Array("\(getpid())\n".utf8)
            guard ftruncate(fd, 0) == 0, pwrite(fd, pid, pid.count, 0) == pid.count else {
                throw SystemError("write the pid into", path)
            }
        } catch {
            Syscall.closeQuietly(fd)
            throw error
        }
        return FileLock(path: path, fd: fd)
    }

    /// Empties the lock file (its pid would mislead a reader) and drops the lock. Calling it again does nothing.
    /// The file itself stays: removing it would let two runs lock two different files of the same name.
    public func release() {
        guardLock.withLock {
            guard fd >= 0 else { return }
            _ = ftruncate(fd, 0)
            Syscall.closeQuietly(fd)
            fd = -1
        }
    }

    deinit {
        release()
    }

    /// The pid written in the lock file, if it holds one.
    private static func holderPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return nil }
        return pid
    }
}
