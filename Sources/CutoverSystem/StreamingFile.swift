import Glibc

/// A file written piece by piece that appears all at once: lines go to a temporary file beside the target as they
/// come (a manifest of a million messages never sits in memory), and `commit` gives it `ownership`, fsyncs it and
/// renames it over the target. Until then (or when abandoned, or after a crash) the target is untouched.
public final class StreamingFile {
    public let path: String
    private let temporary: String
    private var fd: Int32
    private var buffer: [UInt8] = []

    public init(_ path: String) throws {
        self.path = path
        temporary = PathParts.temporarySibling(of: path)
        fd = try Syscall.open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: 0o600, operation: "write", naming: path)
        buffer.reserveCapacity(1 << 16)
    }

    deinit { abandon() }

    /// Appends `line` and a newline.
    public func append(line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends the bytes of `line` and a newline.
    public func append(line: some Collection<UInt8>) throws {
        buffer.append(contentsOf: line)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func commit(ownership: Ownership) throws {
        try flush()
        try ownership.apply(to: fd, path: path)
        try Syscall.fsync(fd, path: path)
        let closing = fd
        fd = -1
        try Syscall.close(closing, path: path)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SystemError("replace", path)
        }
        try Durability.syncDirectory(PathParts.parent(path))
    }

    /// Drops what was written; the target stays as it was.
    public func abandon() {
        guard fd >= 0 else { return }
        Syscall.closeQuietly(fd)
        fd = -1
        unlink(temporary)
    }

    private func flush() throws {
        try Syscall.writeAll(fd, buffer, path: path)
        buffer.removeAll(keepingCapacity: true)
    }
}
