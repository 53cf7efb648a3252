import Glibc

/// Message files inside mail folders, where a symbolic link may point anywhere on the host: never followed.
public enum MessageFile {
    /// The whole content of the regular file `path` and its status, from one open (O_NOFOLLOW: a symbolic link is
    /// refused as `NotARegularFile`, as is anything but a regular file).
    public static func read(_ path: String) throws -> (bytes: [UInt8], status: FileStatus) {
        let fd: Int32
        do {
            // O_NONBLOCK: should `path` be a fifo, opening it must not hang waiting for a writer.
            fd = try Syscall.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, operation: "read")
        } catch let error as SystemError where error.errno == ELOOP {
            throw NotARegularFile(path: path, kind: .symlink)
        }
        defer { Syscall.closeQuietly(fd) }
        let status = FileStatus(try Syscall.fstat(fd, path: path))
        guard status.kind == .regular else { throw NotARegularFile(path: path, kind: status.kind) }
        return (try FileReading.readToEnd(fd, expected: Int(status.size), path: path), status)
    }

    /// Creates the new file `path` holding `bytes`, with `ownership` and the modification time (Dovecot takes a
    /// Maildir message's received date from it), never replacing what is there (EEXIST when `path` exists). It is
    /// written unnamed and then named (`UnnamedFile`), or where the file system cannot do that under a temporary
    /// name beside it that is renamed without replacing. Complete or absent if this process dies; with `durable`,
    /// also fsync'd with its folder, so a power loss cannot take it either. Without it, the caller makes a whole
    /// batch durable at once with `flushFileSystem(of:)` before relying on any of it (recording it, removing its
    /// source). Returns the new file's status.
    public static func create(_ bytes: [UInt8], at path: String, ownership: Ownership,
                              modificationTime: Double, durable: Bool = true) throws -> FileStatus {
        let file = NewFile(bytes: bytes, path: path, ownership: ownership, modificationTime: modificationTime,
                           durable: durable)
        return try createUnnamed(file) ?? createUnderTemporaryName(file)
    }

    /// A file to create, and how.
    struct NewFile {
        var bytes: [UInt8]
        var path: String
        var ownership: Ownership
        var modificationTime: Double
        var durable: Bool
    }

    /// `create` by an unnamed file; nil where there are none (nothing was made then).
    static func createUnnamed(_ file: NewFile) throws -> FileStatus? {
        guard let fd = UnnamedFile.create(in: PathParts.parent(file.path), mode: file.ownership.mode & 0o777) else {
            return nil
        }
        var open = true
        defer { if open { Syscall.closeQuietly(fd) } }
        let status = try fill(fd, file)
        guard try UnnamedFile.name(fd, as: file.path) else { return nil }
        open = false
        try Syscall.close(fd, path: file.path)
        if file.durable { try Durability.syncDirectory(PathParts.parent(file.path)) }
        return status
    }

    /// `create` by a temporary name beside the file, renamed without replacing.
    static func createUnderTemporaryName(_ file: NewFile) throws -> FileStatus {
        let temporary = PathParts.temporarySibling(of: file.path)
        let fd = try Syscall.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600,
                                  operation: "write", naming: file.path)
        var open = true
        do {
            let status = try fill(fd, file)
            open = false
            try Syscall.close(fd, path: file.path)
            try NoReplaceRename.rename(temporary, to: file.path)
            if file.durable { try Durability.syncDirectory(PathParts.parent(file.path)) }
            return status
        } catch {
            if open { Syscall.closeQuietly(fd) }
            unlink(temporary)
            throw error
        }
    }

    /// Writes a new file's content, owner, permissions and times (fsync'd when `durable`); returns its status.
    /// The owner and permissions are changed only when they differ: a new file usually has them already.
    private static func fill(_ fd: Int32, _ file: NewFile) throws -> FileStatus {
        try Syscall.writeAll(fd, file.bytes, path: file.path)
        let created = try Syscall.fstat(fd, path: file.path)
        if Ownership(uid: created.st_uid, gid: created.st_gid, mode: created.st_mode) != file.ownership {
            try file.ownership.apply(to: fd, path: file.path)
        }
        let seconds = file.modificationTime.rounded(.down)
        let time = timespec(tv_sec: Int(seconds), tv_nsec: Int((file.modificationTime - seconds) * 1_000_000_000))
        var times = [time, time]
        guard futimens(fd, &times) == 0 else { throw SystemError("set the times of", file.path) }
        if file.durable { try Syscall.fsync(fd, path: file.path) }
        return FileStatus(try Syscall.fstat(fd, path: file.path))
    }

    /// Everything written on the file system that holds `path` is on disk when this returns: one syncfs(2) for a
    /// batch of copies instead of two fsyncs per message.
    public static func flushFileSystem(of path: String) throws {
        let fd = try Syscall.open(path, O_RDONLY | O_DIRECTORY, operation: "flush to disk")
        defer { Syscall.closeQuietly(fd) }
        try FileSystemSync.flush(fd, path: path)
    }
}
