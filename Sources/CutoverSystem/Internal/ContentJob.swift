import Glibc

/// One file's content to copy (or only hash) on a worker thread. The job owns both descriptors and closes them.
struct ContentJob: @unchecked Sendable {
    var sequence: Int
    var input: Int32
    /// -1 when the content is only hashed (a walk with digests).
    var output: Int32
    /// The original's status, whose owner, mode and times the copy gets.
    var original: stat
    var sourcePath: String
    var destinationPath: String

    /// Copies (or hashes) and closes; returns the content's digest and size.
    func perform(buffer: UnsafeMutableRawBufferPointer) throws -> FileContent {
        defer { Syscall.closeQuietly(input) }
        guard output >= 0 else {
            let (digest, size) = try ContentCopy.digest(of: input, buffer: buffer, path: sourcePath)
            return FileContent(digest: digest, size: size)
        }
        var open = true
        defer { if open { Syscall.closeQuietly(output) } }
        let (digest, size) = try ContentCopy.copy(from: input, to: output, buffer: buffer,
                                                  sourcePath: sourcePath, destinationPath: destinationPath)
        try FileAttributes.copy(original, to: output, path: destinationPath)
        open = false
        try Syscall.close(output, path: destinationPath)
        return FileContent(digest: digest, size: size)
    }

    /// Gives up on the job without doing it.
    func cancel() {
        Syscall.closeQuietly(input)
        if output >= 0 { Syscall.closeQuietly(output) }
    }
}

/// What a file held: its SHA-256 hex and its length.
struct FileContent: Sendable {
    var digest: String
    var size: Int64
}
