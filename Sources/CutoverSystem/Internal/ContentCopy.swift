import CutoverFormats
import Glibc

/// The inner loop of every copy: one read pass that both hashes and writes.
enum ContentCopy {
    /// Copies from `source` to `destination` (open descriptors) until end of file; returns the SHA-256 hex of the
    /// bytes and their count. Read errors name `sourcePath`, write errors `destinationPath`.
    static func copy(from source: Int32, to destination: Int32, buffer: UnsafeMutableRawBufferPointer,
                     sourcePath: @autoclosure () -> String,
                     destinationPath: @autoclosure () -> String) throws -> (digest: String, size: Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let count = try Syscall.read(source, into: buffer, path: sourcePath())
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            hasher.update(chunk)
            try Syscall.writeAll(destination, chunk.baseAddress, count: count, path: destinationPath())
            size += Int64(count)
        }
        return (SHA256.hex(hasher.finalize()), size)
    }

    /// Hashes `source` to its end without copying it.
    static func digest(of source: Int32, buffer: UnsafeMutableRawBufferPointer,
                       path: @autoclosure () -> String) throws -> (digest: String, size: Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let count = try Syscall.read(source, into: buffer, path: path())
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += Int64(count)
        }
        return (SHA256.hex(hasher.finalize()), size)
    }
}
