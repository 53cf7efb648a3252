import Glibc

/// One run of `TreeCopier.walk`: the traversal of `TreeCopy` without the copying, in the same order and with the
/// same hard-link detection, so a dry run reports exactly what the copy would.
final class TreeWalk {
    private let root: String
    private let computeDigests: Bool
    private let buffer: UnsafeMutableRawBufferPointer?
    private var firstLinks: [InodeKey: FirstLink] = [:]

    init(root: String, computeDigests: Bool) {
        self.root = root
        self.computeDigests = computeDigests
        buffer = computeDigests ? .allocate(byteCount: 1 << 20, alignment: 4096) : nil
    }

    deinit {
        buffer?.deallocate()
    }

    func run(_ visit: (CopiedFile) throws -> Void) throws {
        let folder = try OpenDirectory(path: root)
        defer { folder.close() }
        try walkEntries(of: folder, relative: [], visit)
    }

    private func walkEntries(of folder: OpenDirectory, relative: [CChar], _ visit: (CopiedFile) throws -> Void) throws {
        for entry in try folder.entries(path: path(relative)) {
            let path = relative.isEmpty ? Array(entry.name) : relative + [CChar(UInt8(ascii: "/"))] + entry.name
            var type = entry.type
            if type == DirectoryEntry.unknown {
                type = DirectoryEntry.type(of: try folder.statusOf(entry.cName, path: self.path(path)).st_mode)
            }
            switch type {
            case DirectoryEntry.regular:
                try visitFile(entry.cName, in: folder, relative: path, visit)
            case DirectoryEntry.directory:
                let child = try OpenDirectory(in: folder.fd, name: entry.cName, path: self.path(path))
                defer { child.close() }
                try walkEntries(of: child, relative: path, visit)
            default:
                continue   // symbolic links and special files are not files to count
            }
        }
    }

    private func visitFile(_ name: [CChar], in folder: OpenDirectory, relative: [CChar],
                           _ visit: (CopiedFile) throws -> Void) throws {
        var input: Int32 = -1
        defer { if input >= 0 { Syscall.closeQuietly(input) } }
        let info: stat
        if computeDigests {
            input = openat(folder.fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard input >= 0 else { throw SystemError("read", path(relative)) }
            info = try Syscall.fstat(input, path: path(relative))
        } else {
            info = try folder.statusOf(name, path: path(relative))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return }
        let relativePath = DirectoryEntry.text(relative)
        let modificationTime = FileStatus(info).modificationTime
        let key = InodeKey(info)
        if info.st_nlink > 1, let first = firstLinks[key] {
            return try visit(CopiedFile(relativePath: relativePath, size: first.size,
                                        modificationTime: modificationTime, digest: first.digest,
                                        hardLinkOf: first.relativePath))
        }
        var digest = ""
        var size = Int64(info.st_size)
        if let buffer, input >= 0 {
            (digest, size) = try ContentCopy.digest(of: input, buffer: buffer, path: self.path(relative))
        }
        if info.st_nlink > 1 {
            firstLinks[key] = FirstLink(cPath: relative + [0], relativePath: relativePath, size: size, digest: digest)
        }
        try visit(CopiedFile(relativePath: relativePath, size: size, modificationTime: modificationTime,
                             digest: digest, hardLinkOf: nil))
    }

    private func path(_ relative: [CChar]) -> String {
        relative.isEmpty ? root : root + "/" + DirectoryEntry.text(relative)
    }
}
