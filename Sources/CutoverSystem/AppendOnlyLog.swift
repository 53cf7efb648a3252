import Foundation
import Glibc

/// A file that only ever grows by whole lines, each flushed to disk before `append` returns: the journal and the
/// human-readable log. Safe to share between threads; lines from different threads never interleave.
public final class AppendOnlyLog: Sendable {
    public let path: String
    private let fd: Int32
    private let lock = NSLock()

    /// Opens (or creates with `createMode`) the file at `path` for appending. The folder must exist already.
    public init(path: String, createMode: mode_t = 0o600) throws {
        self.path = path
        fd = try Syscall.open(path, O_WRONLY | O_APPEND | O_CREAT, mode: createMode)
    }

    deinit {
        Syscall.closeQuietly(fd)
    }

    /// Appends `line` and a newline, then fdatasync(2)s, so the line survives a crash the moment this returns.
    /// `line` should not contain a newline itself: readers take one line for one record.
    public func append(line: String) throws {
        let bytes = Array((line + "\n").utf8)
        try lock.withLock {
            try Syscall.writeAll(fd, bytes, path: path)
            while fdatasync(fd) != 0 {
                if errno != EINTR { throw SystemError("flush to disk", path) }
            }
        }
    }
}
