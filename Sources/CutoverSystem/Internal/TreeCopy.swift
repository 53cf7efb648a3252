import Foundation
import Glibc

/// One run of `TreeCopier.copy` (with a destination) or `TreeCopier.walk` (without): the same traversal for both,
/// so a dry run reports exactly what the copy does.
///
/// The caller's thread walks the tree with *at(2) calls on open folders (no path resolved twice; names that are not
/// UTF-8 copied exactly), creates every folder, link and file, and calls `visit` in tree order; worker threads fill
/// the files and hash them. The walk keeps its own stack instead of recursing, so no tree can exhaust the thread's
/// stack; each level holds two descriptors (source and copy), and a tree deeper than `TreeTooDeep.maximumDepth` (which any mail
/// user can build in their own folder) is refused with `TreeTooDeep` naming where.
final class TreeCopy {
    let source: String
    let destination: String?
    let computeDigests: Bool
    /// Links and special files met, in tree order (links are copied as links, special files left out).
    var notable: [NotableEntry] = []
    var pipeline: ContentPipeline?
    var pending: [PendingVisit] = []
    var nextSequence = 0
    /// First name of each multiply-linked file met so far (for link(2)), by identity.
    var firstLinks: [InodeKey: FirstLink] = [:]
    /// Content of each multiply-linked file once its first name was visited, for the repeats' `visit`.
    var linkedContent: [InodeKey: FileContent] = [:]
    private let linkBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)

    init(source: String, destination: String?, computeDigests: Bool) {
        self.source = source
        self.destination = destination
        self.computeDigests = computeDigests
    }

    deinit {
        linkBuffer.deallocate()
    }

    func run(_ visit: (CopiedFile) throws -> Void) throws {
        let root = try OpenDirectory(path: source)
        defer { root.close() }
        if destination != nil || computeDigests {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            pipeline = ContentPipeline(workers: min(max(cores, 1), 8), window: 64)
        }
        defer { pipeline?.shutdown() }
        guard let destination else {
            try copyTree(root, into: -1, visit)
            return try drain(waiting: true, visit)
        }
        guard mkdir(destination, 0o700) == 0 else { throw SystemError("create the folder", destination) }
        let target = try Syscall.open(destination, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, operation: "create the folder")
        defer { Syscall.closeQuietly(target) }
        try copyTree(root, into: target, visit)
        try drain(waiting: true, visit)
        try FileAttributes.copy(root.status, to: target, path: destination)
        // One flush of the whole file system instead of an fsync per file: the same guarantee for every file and
        // folder created above, at a fraction of the cost on a tree of many small messages.
        try FileSystemSync.flush(target, path: destination)
        try Durability.syncDirectory(PathParts.parent(destination))
    }

    /// A folder being copied: its open source, its open copy (-1 in a walk), and how far through its entries.
    private struct Level {
        let folder: OpenDirectory
        let target: Int32
        let relative: [CChar]
        let entries: [DirectoryEntry]
        var next = 0

        func close() {
            folder.close()
            if target >= 0 { Syscall.closeQuietly(target) }
        }
    }

    /// Copies (or walks) everything below `root` into the open folder `rootTarget` (-1 for a walk), depth-first with
    /// each folder's entries in order. A folder's attributes are set once all its entries are in: adding entries
    /// changes a folder's mtime. (The workers only write into files already created here.)
    private func copyTree(_ root: OpenDirectory, into rootTarget: Int32, _ visit: (CopiedFile) throws -> Void) throws {
        var stack = [Level(folder: root, target: rootTarget, relative: [], entries: try root.entries(path: source))]
        // The root's descriptors belong to `run`; every other level's are closed here, also when a step throws.
        defer { for level in stack.dropFirst() { level.close() } }
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                let level = stack.removeLast()
                guard !stack.isEmpty else { break }
                defer { level.close() }
                if level.target >= 0 {
                    try FileAttributes.copy(level.folder.status, to: level.target, path: destinationPath(level.relative))
                }
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let level = stack[top]
            let path = level.relative.isEmpty ? Array(entry.name)
                : level.relative + [CChar(UInt8(ascii: "/"))] + entry.name
            var type = entry.type
            if type == DirectoryEntry.unknown {
                type = DirectoryEntry.type(of: try level.folder.statusOf(entry.cName, path: sourcePath(path)).st_mode)
            }
            switch type {
            case DirectoryEntry.regular:
                try addFile(entry.cName, in: level.folder, into: level.target, root: rootTarget, relative: path)
                try drain(waiting: false, visit)
            case DirectoryEntry.directory:
                guard stack.count < TreeTooDeep.maximumDepth else {
                    throw TreeTooDeep(path: sourcePath(path), limit: TreeTooDeep.maximumDepth)
                }
                stack.append(try openLevel(entry.cName, in: level, relative: path))
            case DirectoryEntry.symlink:
                let linkTarget = try readLink(entry.cName, in: level.folder, relative: path)
                if level.target >= 0 { try copySymlink(entry.cName, in: level.folder, into: level.target, relative: path) }
                notable.append(NotableEntry(relativePath: DirectoryEntry.text(path), kind: .symbolicLink(target: linkTarget)))
            default:
                let mode = try level.folder.statusOf(entry.cName, path: sourcePath(path)).st_mode
                notable.append(NotableEntry(relativePath: DirectoryEntry.text(path), kind: Self.specialKind(mode)))
            }
        }
    }

    /// Opens the folder `name` of `parent` (never through a symbolic link) and, in a copy, creates and opens its copy.
    private func openLevel(_ name: [CChar], in parent: Level, relative: [CChar]) throws -> Level {
        let child = try OpenDirectory(in: parent.folder.fd, name: name, path: sourcePath(relative))
        var childTarget: Int32 = -1
        do {
            if parent.target >= 0 {
                guard mkdirat(parent.target, name, 0o700) == 0 else {
                    throw SystemError("create the folder", destinationPath(relative))
                }
                childTarget = openat(parent.target, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard childTarget >= 0 else { throw SystemError("open the folder", destinationPath(relative)) }
            }
            return Level(folder: child, target: childTarget, relative: relative,
                         entries: try child.entries(path: sourcePath(relative)))
        } catch {
            child.close()
            if childTarget >= 0 { Syscall.closeQuietly(childTarget) }
            throw error
        }
    }

    private func copySymlink(_ name: [CChar], in folder: OpenDirectory, into target: Int32,
                             relative: [CChar]) throws {
        let info = try folder.statusOf(name, path: sourcePath(relative))
        // `linkBuffer` still holds what `readLink` just read for this entry.
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

    /// The target of the link `name` (left in `linkBuffer` too, NUL-terminated, for `copySymlink`).
    private func readLink(_ name: [CChar], in folder: OpenDirectory, relative: [CChar]) throws -> String {
        let count = readlinkat(folder.fd, name, linkBuffer, Int(PATH_MAX))
        guard count >= 0 else { throw SystemError("read the link", sourcePath(relative)) }
        linkBuffer[count] = 0
        return String(decoding: UnsafeRawBufferPointer(start: linkBuffer, count: count), as: UTF8.self)
    }

    static func specialKind(_ mode: mode_t) -> NotableEntry.Kind {
        switch mode & S_IFMT {
        case S_IFIFO: .fifo
        case S_IFSOCK: .socket
        case S_IFCHR, S_IFBLK: .device
        default: .other
        }
    }

    func sourcePath(_ relative: [CChar]) -> String {
        relative.isEmpty ? source : source + "/" + DirectoryEntry.text(relative)
    }

    func destinationPath(_ relative: [CChar]) -> String {
        guard let destination else { return "" }
        return relative.isEmpty ? destination : destination + "/" + DirectoryEntry.text(relative)
    }
}
