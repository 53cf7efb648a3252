import Foundation
import Glibc

/// One run of `TreeCopier.copy` (with a destination) or `TreeCopier.walk` (without): the same traversal for both,
/// so a dry run reports exactly what the copy does.
///
/// The caller's thread walks the tree with *at(2) calls on open folders (no path resolved twice; names that are not
/// UTF-8 copied exactly), creates every folder, link and file, and calls `visit` in tree order; worker threads fill
/// the files and hash them. Each level of depth holds two descriptors (source and copy): depth is bounded by the
/// descriptor limit, far beyond mail trees.
final class TreeCopy {
    let source: String
    let destination: String?
    let computeDigests: Bool
    var skipped: [String] = []
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
            try copyEntries(of: root, into: -1, root: -1, relative: [], visit)
            return try drain(waiting: true, visit)
        }
        guard mkdir(destination, 0o700) == 0 else { throw SystemError("create the folder", destination) }
        let target = try Syscall.open(destination, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, operation: "create the folder")
        defer { Syscall.closeQuietly(target) }
        try copyEntries(of: root, into: target, root: target, relative: [], visit)
        try drain(waiting: true, visit)
        try FileAttributes.copy(root.status, to: target, path: destination)
        // One flush of the whole file system instead of an fsync per file: the same guarantee for every file and
        // folder created above, at a fraction of the cost on a tree of many small messages.
        try FileSystemSync.flush(target, path: destination)
        try Durability.syncDirectory(PathParts.parent(destination))
    }

    /// Copies (or walks) the entries of `folder` into the open folder `target` (-1 for a walk).
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
                try addFile(entry.cName, in: folder, into: target, root: root, relative: path)
                try drain(waiting: false, visit)
            case DirectoryEntry.directory:
                try copyDirectory(entry.cName, in: folder, into: target, root: root, relative: path, visit)
            case DirectoryEntry.symlink:
                if target >= 0 { try copySymlink(entry.cName, in: folder, into: target, relative: path) }
            default:
                if target >= 0 { skipped.append(DirectoryEntry.text(path)) }
            }
        }
    }

    private func copyDirectory(_ name: [CChar], in folder: OpenDirectory, into target: Int32, root: Int32,
                               relative: [CChar], _ visit: (CopiedFile) throws -> Void) throws {
        let child = try OpenDirectory(in: folder.fd, name: name, path: sourcePath(relative))
        defer { child.close() }
        guard target >= 0 else { return try copyEntries(of: child, into: -1, root: -1, relative: relative, visit) }
        guard mkdirat(target, name, 0o700) == 0 else {
            throw SystemError("create the folder", destinationPath(relative))
        }
        let childTarget = openat(target, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard childTarget >= 0 else { throw SystemError("open the folder", destinationPath(relative)) }
        defer { Syscall.closeQuietly(childTarget) }
        try copyEntries(of: child, into: childTarget, root: root, relative: relative, visit)
        // Only now: adding entries changes a folder's mtime. (The workers only write into files already created
        // here, which leaves the folder's times alone.)
        try FileAttributes.copy(child.status, to: childTarget, path: destinationPath(relative))
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

    func sourcePath(_ relative: [CChar]) -> String {
        relative.isEmpty ? source : source + "/" + DirectoryEntry.text(relative)
    }

    func destinationPath(_ relative: [CChar]) -> String {
        guard let destination else { return "" }
        return relative.isEmpty ? destination : destination + "/" + DirectoryEntry.text(relative)
    }
}
