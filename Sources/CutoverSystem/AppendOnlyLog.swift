import Foundation
import Glibc

/// A file that only ever grows by whole lines, each flushed to disk before `append` returns: the journal and the
/// human-readable log. Safe to share between threads; lines from different threads never interleave.
public final class AppendOnlyLog: Sendable {
    public let path: String
    /// Bytes of a torn last line (a crash mid-append) cut away when the file was opened; 0 when it ended whole.
    public let truncatedBytes: Int
    private let fd: Int32
    private let lock = NSLock()

    /// Opens (or creates with `createMode`) the file at `path` for appending. The folder must exist already. A
    /// symbolic link is never followed (it could point at any file on the host). A last line without its newline
    /// is cut away first, or the next line would be glued onto it and both lost to a reader.
    public init(path: String, createMode: mode_t = 0o600) throws {
        self.path = path
        fd = try Syscall.open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW, mode: createMode)
        do {
            truncatedBytes = try Self.cutTornLine(fd, path: path)
        } catch {
            Syscall.closeQuietly(fd)
            throw error
        }
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

    /// Truncates the file after its last newline when it does not end with one; returns the bytes removed.
    private static func cutTornLine(_ fd: Int32, path: String) throws -> Int {
        let size = Int(try Syscall.fstat(fd, path: path).st_size)
        var end = size
        var byte: UInt8 = 0
        guard size > 0, pread(fd, &byte, 1, off_t(size - 1)) == 1, byte != UInt8(ascii: "\n") else { return 0 }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var keep = 0
        search: while end > 0 {
            let start = max(0, end - chunk.count)
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, end - start, off_t(start)) }
            guard count == end - start else { throw SystemError("read", path) }
            for index in stride(from: count - 1, through: 0, by: -1) where chunk[index] == UInt8(ascii: "\n") {
                keep = start + index + 1
                break search
            }
            end = start
        }
        guard ftruncate(fd, off_t(keep)) == 0 else { throw SystemError("cut the torn last line of", path) }
        try Syscall.fsync(fd, path: path)
        return size - keep
    }
}
