import Glibc

/// Reading whole files, with errors that name the file.
public enum FileReading {
    /// The most an account list, index or table may hold (`sizeLimit` of those reads).
    public static let inputSizeLimit = 256 << 20

    /// The whole content of `path` (symbolic links followed), which must be a regular file, and when `sizeLimit`
    /// is given, no larger than that; otherwise `UnsuitableInput` naming the file.
    public static func bytes(_ path: String, sizeLimit: Int? = nil) throws -> [UInt8] {
        // O_NONBLOCK: opening a FIFO without a writer would wait forever; it is refused right after, by fstat.
        let fd = try Syscall.open(path, O_RDONLY | O_NONBLOCK, operation: "read")
        defer { Syscall.closeQuietly(fd) }
        let info = try Syscall.fstat(fd, path: path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw UnsuitableInput(path: path, problem: "is \(kindName(info.st_mode)), not a regular file")
        }
        let expected = Int(info.st_size)
        if let sizeLimit, expected > sizeLimit { throw tooLarge(path, sizeLimit) }
        return try readToEnd(fd, expected: expected, path: path) { count in
            // A file still growing while it is read must not get past the limit either.
            if let sizeLimit, count > sizeLimit { throw tooLarge(path, sizeLimit) }
        }
    }

    /// What the regular file `path` holds from byte `offset` on, with its status, from one open: a file that only
    /// grows, read again from where an earlier read stopped. Nil when the file is shorter than `offset`.
    public static func bytes(_ path: String, from offset: Int) throws -> (bytes: [UInt8], status: FileStatus)? {
        let fd = try Syscall.open(path, O_RDONLY | O_NONBLOCK, operation: "read")
        defer { Syscall.closeQuietly(fd) }
        let status = FileStatus(try Syscall.fstat(fd, path: path))
        guard status.kind == .regular else {
            throw UnsuitableInput(path: path, problem: "is not a regular file")
        }
        guard status.size >= offset else { return nil }
        guard lseek(fd, off_t(offset), SEEK_SET) == offset else { throw SystemError("read", path) }
        return (try readToEnd(fd, expected: Int(status.size) - offset, path: path), status)
    }

    /// Everything left in `fd`. `check` sees the running count after every read.
    static func readToEnd(_ fd: Int32, expected: Int, path: String,
                          check: (Int) throws -> Void = { _ in }) throws -> [UInt8] {
        // One byte more than the size, so the common case ends with a single short read and no regrowth. Read into
        // memory not zeroed first: zeroing a state file of a hundred megabytes cost about as much as reading it.
        var capacity = max(expected + 1, 4096)
        var bytes: [UInt8] = []
        while true {
            let start = bytes.count
            let piece = try [UInt8](unsafeUninitializedCapacity: capacity - start) { buffer, initialized in
                initialized = 0
                while initialized < buffer.count {
                    let free = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[initialized...])
                    let got = try Syscall.read(fd, into: free, path: path)
                    if got == 0 { break }
                    initialized += got
                    try check(start + initialized)
                }
            }
            if bytes.isEmpty { bytes = piece } else { bytes += piece }
            if bytes.count < capacity { return bytes }
            capacity *= 2
        }
    }

    /// The whole content of `path` as UTF-8 text; invalid UTF-8 throws `InvalidText` naming the file and line.
    public static func text(_ path: String, sizeLimit: Int? = nil) throws -> String {
        let bytes = try bytes(path, sizeLimit: sizeLimit)
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

    private static func tooLarge(_ path: String, _ limit: Int) -> UnsuitableInput {
        UnsuitableInput(path: path, problem: "is larger than \(limit >> 20) MB, more than any input this tool reads; "
            + "is this the right file?")
    }

    private static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
