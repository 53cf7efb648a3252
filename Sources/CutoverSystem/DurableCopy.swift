import Glibc

/// Copying one file so that the copy is complete and on disk, or absent.
public enum DurableCopy {
    /// Copies the regular file `from` to the new path `to` (it must not exist: EEXIST otherwise, never replaced)
    /// through a temporary name beside it, with `ownership`, fsync, a no-replace rename and a folder fsync.
    /// The source's access and modification times are kept: Dovecot takes a Maildir message's received date from
    /// its mtime. A symbolic link as source is refused (`NotARegularFile`). Returns the SHA-256 hex of the bytes.
    public static func copyFile(from: String, to: String, ownership: Ownership) throws -> String {
        if try FileStatus.ifExists(to) != nil { throw SystemError("copy \(from) to", to, errno: EEXIST) }
        let source: Int32
        do {
            // O_NONBLOCK: should `from` be a fifo, opening it must not hang waiting for a writer.
            source = try Syscall.open(from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, operation: "read")
        } catch let error as SystemError where error.errno == ELOOP {
            throw NotARegularFile(path: from, kind: .symlink)
        }
        defer { Syscall.closeQuietly(source) }
        let info = try Syscall.fstat(source, path: from)
        guard info.st_mode & S_IFMT == S_IFREG else { throw NotARegularFile(path: from, kind: FileStatus(info).kind) }

        let temporary = PathParts.temporarySibling(of: to)
        let target = try Syscall.open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: 0o600, operation: "write",
                                      naming: to)
        var open = true
        let digest: String
        do {
            // Sized to the file, so a small message costs a small buffer; capped at 1 MiB.
            let capacity = min(1 << 20, max(4096, Int(info.st_size) + 1))
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 4096)
            defer { buffer.deallocate() }
            digest = try ContentCopy.copy(from: source, to: target, buffer: buffer,
                                          sourcePath: from, destinationPath: to).digest
            try ownership.apply(to: target, path: to)
            var times = [info.st_atim, info.st_mtim]
            guard futimens(target, &times) == 0 else { throw SystemError("set the times of", to) }
            try Syscall.fsync(target, path: to)
            open = false
            try Syscall.close(target, path: to)
            do {
                try NoReplaceRename.rename(temporary, to: to)
            } catch let error as SystemError {
                // Name the paths the caller knows, not our temporary one.
                throw SystemError("copy \(from) to", to, errno: error.errno)
            }
        } catch {
            if open { Syscall.closeQuietly(target) }
            unlink(temporary)
            throw error
        }
        try Durability.syncDirectory(PathParts.parent(to))
        return digest
    }
}
