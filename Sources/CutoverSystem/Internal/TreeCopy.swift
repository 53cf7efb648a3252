import Glibc

/// One run of `TreeCopier.copy`: what the copy carries from folder to folder. Works with *at(2) calls on open
/// folders, so no path is resolved twice and names that are not UTF-8 are copied exactly; each level of depth
/// holds two descriptors open (source and copy), so depth is bounded by the descriptor limit, far beyond mail trees.
final class TreeCopy {
    private let source: String
    private let destination: String
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 4096)
    private let linkBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    private var firstLinks: [InodeKey: FirstLink] = [:]
    private(set) var skipped: [String] = []

    init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }

    deinit {
        buffer.deallocate()
        linkBuffer.deallocate()
    }

    func run(_ visit: (CopiedFile) throws -> Void) throws {
        let root = try OpenDirectory(path: source)
        defer { root.close() }
        guard mkdir(destination, 0o700) == 0 else { throw SystemError("create the folder", destination) }
        let target = try Syscall.open(destination, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, operation: "create the folder")
        defer { Syscall.closeQuietly(target) }
        try copyEntries(of: root, into: target, root: target, relative: [], visit)
        try Self.setAttributes(of: target, like: root.status, path: destination)
        // One flush of the whole file system instead of an fsync per file: the same guarantee for every file and
        // folder created above, at a fraction of the cost on a tree of many small messages.
        let t0 = MonotonicTime.now()
        if getenv("BENCH_FSYNC_EACH") == nil { try FileSystemSync.flush(target, path: destination) }
        if getenv("BENCH") != nil { print("flush", MonotonicTime.now() - t0) }
        try Durability.syncDirectory(PathParts.parent(destination))
    }

    private func copyEntries(of folder: OpenDirectory, into target: Int32, root: Int32, relative: [CChar],
                             _ visit: (CopiedFile) throws -> Void) throws {
        for entry in try folder.entries(path: sourcePath(relative)) {
            let path = relative.isEmpty ? Array(entry.name) : relative + [CChar(UInt8(ascii: "/"))] + entry.name
            var type = entry.type
            if type == DirectoryEntry.unknown {
                type = DirectoryEntry.type(of: try folder.statusOf(entry.cName, path: sourcePath(path)).st_mode)
            }
            switch type {
            case DirectoryEntry.regular:
                try copyFile(entry.cName, in: folder, into: target, root: root, relative: path, visit)
            case DirectoryEntry.directory:
                let child = try OpenDirectory(in: folder.fd, name: entry.cName, path: sourcePath(path))
                defer { child.close() }
                guard mkdirat(target, entry.cName, 0o700) == 0 else {
                    throw SystemError("create the folder", destinationPath(path))
                }
                let childTarget = openat(target, entry.cName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard childTarget >= 0 else { throw SystemError("open the folder", destinationPath(path)) }
                defer { Syscall.closeQuietly(childTarget) }
                try copyEntries(of: child, into: childTarget, root: root, relative: path, visit)
                // Only now: adding entries changes a folder's mtime, and a read-only mode would forbid them.
                try Self.setAttributes(of: childTarget, like: child.status, path: destinationPath(path))
            case DirectoryEntry.symlink:
                try copySymlink(entry.cName, in: folder, into: target, relative: path)
            default:
                skipped.append(DirectoryEntry.text(path))
            }
        }
    }

    private func copyFile(_ name: [CChar], in folder: OpenDirectory, into target: Int32, root: Int32,
                          relative: [CChar], _ visit: (CopiedFile) throws -> Void) throws {
        // O_NONBLOCK: should the entry have turned into a fifo since it was listed, opening must not hang.
        let input = openat(folder.fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard input >= 0 else { throw SystemError("read", sourcePath(relative)) }
        defer { Syscall.closeQuietly(input) }
        let info = try Syscall.fstat(input, path: sourcePath(relative))
        guard info.st_mode & S_IFMT == S_IFREG else { return skipped.append(DirectoryEntry.text(relative)) }
        let relativePath = DirectoryEntry.text(relative)
        let modificationTime = FileStatus(info).modificationTime
        let key = InodeKey(info)
        if info.st_nlink > 1, let first = firstLinks[key] {
            guard linkat(root, first.cPath, target, name, 0) == 0 else {
                throw SystemError("link \(destination)/\(first.relativePath) to", destinationPath(relative))
            }
            return try visit(CopiedFile(relativePath: relativePath, size: first.size,
                                        modificationTime: modificationTime, digest: first.digest,
                                        hardLinkOf: first.relativePath))
        }
        let output = openat(target, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw SystemError("create", destinationPath(relative)) }
        var open = true
        defer { if open { Syscall.closeQuietly(output) } }
        let (digest, size) = try ContentCopy.copy(from: input, to: output, buffer: buffer,
                                                  sourcePath: self.sourcePath(relative),
                                                  destinationPath: self.destinationPath(relative))
        try Self.setAttributes(of: output, like: info, path: destinationPath(relative))
        if getenv("BENCH_FSYNC_EACH") != nil { try Syscall.fsync(output, path: "x") }
        open = false
        try Syscall.close(output, path: destinationPath(relative))
        if info.st_nlink > 1 {
            firstLinks[key] = FirstLink(cPath: relative + [0], relativePath: relativePath, size: size, digest: digest)
        }
        try visit(CopiedFile(relativePath: relativePath, size: size, modificationTime: modificationTime,
                             digest: digest, hardLinkOf: nil))
    }

    private func copySymlink(_ name: [CChar], in folder: OpenDirectory, into target: Int32,
                             relative: [CChar]) throws {
        let info = try folder.statusOf(name, path: sourcePath(relative))
        let count = readlinkat(folder.fd, name, linkBuffer, Int(PATH_MAX))
        guard count >= 0 else { throw SystemError("read the link", sourcePath(relative)) }
        linkBuffer[count] = 0
        guard symlinkat(linkBuffer, target, name) == 0 else {
            throw SystemError("create the link", destinationPath(relative))
        }
        // A link's own mode means nothing on Linux; its owner and times are kept like any entry's.
        guard fchownat(target, name, info.st_uid, info.st_gid, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw SystemError("change the owner of", destinationPath(relative))
        }
        var times = [info.st_atim, info.st_mtim]
        guard utimensat(target, name, &times, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw SystemError("set the times of", destinationPath(relative))
        }
    }

    /// Owner first (chown clears setuid/setgid), then mode, then times (last, so nothing changes them again).
    private static func setAttributes(of fd: Int32, like info: stat, path: @autoclosure () -> String) throws {
        guard fchown(fd, info.st_uid, info.st_gid) == 0 else { throw SystemError("change the owner of", path()) }
        guard fchmod(fd, info.st_mode & 0o7777) == 0 else { throw SystemError("change the permissions of", path()) }
        var times = [info.st_atim, info.st_mtim]
        guard futimens(fd, &times) == 0 else { throw SystemError("set the times of", path()) }
    }

    private func sourcePath(_ relative: [CChar]) -> String {
        relative.isEmpty ? source : source + "/" + DirectoryEntry.text(relative)
    }

    private func destinationPath(_ relative: [CChar]) -> String {
        relative.isEmpty ? destination : destination + "/" + DirectoryEntry.text(relative)
    }
}
