import Glibc

/// Reading whole files, with errors that name the file.
public enum FileReading {
    /// The whole content of `path` (symbolic links followed).
    public static func bytes(_ path: String) throws -> [UInt8] {
        let fd = try Syscall.open(path, O_RDONLY, operation: "read")
        defer { Syscall.closeQuietly(fd) }
        let expected = Int(try Syscall.fstat(fd, path: path).st_size)
        // One byte more than the size, so the common case ends with a single short read and no regrowth.
        var bytes = [UInt8](repeating: 0, count: max(expected + 1, 4096))
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let got = try bytes.withUnsafeMutableBytes { buffer in
                try Syscall.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]), path: path)
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// The whole content of `path` as UTF-8 text; invalid UTF-8 throws `InvalidText` naming the file and line.
    public static func text(_ path: String) throws -> String {
        let bytes = try bytes(path)
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        throw InvalidText(path: path, bytes: bytes)
    }

    /// The SHA-256 (lowercase hex) and size of `path`, read in 1 MiB pieces so any size fits in memory.
    public static func digest(_ path: String) throws -> (digest: String, size: Int64) {
        let fd = try Syscall.open(path, O_RDONLY, operation: "read")
        defer { Syscall.closeQuietly(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 4096)
        defer { buffer.deallocate() }
        return try ContentCopy.digest(of: fd, buffer: buffer, path: path)
    }
}
