import Glibc

/// Replaces a file's content all at once: a reader (or a crash) sees the old file or the new one, never a mix.
public enum AtomicFile {
    /// Write `data` to `path` atomically: a temporary file in the same folder (O_CREAT|O_EXCL|O_CLOEXEC, named
    /// ".<basename>.cutover-tmp.<pid>.<random>"), all bytes written, fchown + fchmod to `ownership` (or, when nil,
    /// the existing file's owner, group and mode if it exists, else 0644 and the caller's ids), fsync, rename over
    /// the target, fsync of the folder. On any failure the temporary file is removed and the target is untouched;
    /// errors (ENOSPC, EACCES, ...) are `SystemError`s naming `path`.
    ///
    /// When `path` is a symbolic link the file it points to is replaced and the link kept, the way editors do:
    /// administrators link configuration into place and expect the link to survive.
    public static func write(_ data: [UInt8], to path: String, ownership: Ownership? = nil) throws {
        let target = try SymbolicLinks.finalTarget(of: path)
        let existing = try FileStatus.ifExists(target)
        let owner = ownership ?? existing.map(Ownership.init(of:))
            ?? Ownership.ofThisProcess(mode: 0o644)
        let temporary = PathParts.temporarySibling(of: target)
        let fd = try Syscall.open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: 0o600, operation: "write", naming: path)
        var open = true
        do {
            try Syscall.writeAll(fd, data, path: path)
            try owner.apply(to: fd, path: path)
            try Syscall.fsync(fd, path: path)
            open = false
            try Syscall.close(fd, path: path)
            guard rename(temporary, target) == 0 else { throw SystemError("replace", path) }
        } catch {
            if open { Syscall.closeQuietly(fd) }
            unlink(temporary)
            throw error
        }
        try Durability.syncDirectory(PathParts.parent(target))
    }

    /// Writes `text` as UTF-8; see `write(_:to:ownership:)` for the guarantees.
    public static func write(_ text: String, to path: String, ownership: Ownership? = nil) throws {
        try write(Array(text.utf8), to: path, ownership: ownership)
    }
}
