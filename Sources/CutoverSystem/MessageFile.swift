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

    /// Creates the new file `path` holding `bytes`: a temporary name beside it, `ownership`, the modification time
    /// (Dovecot takes a Maildir message's received date from it), a no-replace rename (EEXIST when `path` exists;
    /// it is never replaced). Complete or absent if this process dies; with `durable`, also fsync'd with its folder,
    /// so a power loss cannot take it either. Without it, the caller makes a whole batch durable at once with
    /// `flushFileSystem(of:)` before relying on any of it (recording it, removing its source). Returns the new
    /// file's status.
    public static func create(_ bytes: [UInt8], at path: String, ownership: Ownership,
                              modificationTime: Double, durable: Bool = true) throws -> FileStatus {
        let temporary = PathParts.temporarySibling(of: path)
        let fd = try Syscall.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600,
                                  operation: "write", naming: path)
        var open = true
        do {
            try Syscall.writeAll(fd, bytes, path: path)
            try ownership.apply(to: fd, path: path)
            let seconds = modificationTime.rounded(.down)
            let time = timespec(tv_sec: Int(seconds), tv_nsec: Int((modificationTime - seconds) * 1_000_000_000))
            var times = [time, time]
            guard futimens(fd, &times) == 0 else { throw SystemError("set the times of", path) }
            if durable { try Syscall.fsync(fd, path: path) }
            let status = FileStatus(try Syscall.fstat(fd, path: path))
            open = false
            try Syscall.close(fd, path: path)
            try NoReplaceRename.rename(temporary, to: path)
            if durable { try Durability.syncDirectory(PathParts.parent(path)) }
            return status
        } catch {
            if open { Syscall.closeQuietly(fd) }
            unlink(temporary)
            throw error
        }
    }

    /// Everything written on the file system that holds `path` is on disk when this returns: one syncfs(2) for a
    /// batch of copies instead of two fsyncs per message.
    public static func flushFileSystem(of path: String) throws {
        let fd = try Syscall.open(path, O_RDONLY | O_DIRECTORY, operation: "flush to disk")
        defer { Syscall.closeQuietly(fd) }
        try FileSystemSync.flush(fd, path: path)
    }
}
