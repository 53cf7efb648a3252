import Glibc

/// Everything below a folder with its status, in the order `TreeCopy` visits it (depth first, each folder's
/// entries in byte order of their names), without reading a file. `TreeSync` plans from it.
struct TreeScan {
    struct Entry {
        /// Relative to the root ("" for the root itself).
        var path: String
        var status: stat
    }

    var files: [Entry] = []
    /// The root first, then every folder before what it holds.
    var folders: [Entry] = []
    var links: [(entry: Entry, target: String)] = []
    var notable: [NotableEntry] = []

    /// Lists `root`; a name that is not UTF-8 throws `UnmirrorableName`. With `missingIsEmpty`, a root that does not
    /// exist scans as empty (a mirror not made yet).
    init(_ root: String, missingIsEmpty: Bool = false) throws {
        if missingIsEmpty, try FileStatus.ifExists(root) == nil { return }
        let top = try OpenDirectory(path: root)
        folders.append(Entry(path: "", status: top.status))
        var stack: [(folder: OpenDirectory, path: String, entries: [DirectoryEntry], next: Int)] =
            [(top, "", try top.entries(path: root), 0)]
        defer { for level in stack { level.folder.close() } }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
        defer { buffer.deallocate() }
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                stack.removeLast().folder.close()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let level = stack[top]
            guard let name = String(validatingCString: entry.cName) else {
                throw UnmirrorableName(folder: level.path.isEmpty ? root : root + "/" + level.path)
            }
            let path = level.path.isEmpty ? name : level.path + "/" + name
            let status = try level.folder.statusOf(entry.cName, path: root + "/" + path)
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                files.append(Entry(path: path, status: status))
            case S_IFDIR:
                guard stack.count < TreeTooDeep.maximumDepth else {
                    throw TreeTooDeep(path: root + "/" + path, limit: TreeTooDeep.maximumDepth)
                }
                folders.append(Entry(path: path, status: status))
                let child = try OpenDirectory(in: level.folder.fd, name: entry.cName, path: root + "/" + path)
                stack.append((child, path, try child.entries(path: root + "/" + path), 0))
            case S_IFLNK:
                let count = readlinkat(level.folder.fd, entry.cName, buffer, Int(PATH_MAX))
                guard count >= 0 else { throw SystemError("read the link", root + "/" + path) }
                guard let target = String(validating: UnsafeRawBufferPointer(start: buffer, count: count),
                                          as: UTF8.self) else { throw UnmirrorableName(folder: root + "/" + path) }
                links.append((Entry(path: path, status: status), target))
                notable.append(NotableEntry(relativePath: path, kind: .symbolicLink(target: target)))
            default:
                notable.append(NotableEntry(relativePath: path, kind: TreeCopy.specialKind(status.st_mode)))
            }
        }
    }
}
