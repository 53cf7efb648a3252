import Foundation
import Glibc

/// One `TreeSync.apply`. With a record, the plan's items are merged with the record read again, front to back:
/// every line no item is about is carried over as it is (its file kept), and each item is done at its place in
/// walk order. Removals and renames out of the way come first. New content is copied and hashed on worker
/// threads (`ContentPipeline`, as the full copy does). Without a record, the tree is walked again and copied whole.
/// Every file is reported in walk order, and the new record written beside it.
final class TreeSyncRun {
    let plan: TreeSyncPlan
    let mirror: String
    let tolerateVanished: Bool
    let record: MirrorRecordReader?
    let output: StreamingFile?
    let visit: (MirrorVisit) throws -> [UInt8]?
    let pipeline: ContentPipeline
    /// What waits to be written and reported, in walk order, from `head` on.
    var queue: [Pending] = []
    var head = 0
    var nextSequence = 0
    /// The record of each multiply-linked file's first name, for its other names (`linkedFirsts`: the first names
    /// new names link to); names whose source vanished.
    var firsts: [String: MirroredFile] = [:]
    let linkedFirsts: Set<String>
    var vanished = Set<String>()
    /// Folders of the mirror entered and not yet left, and whether their copy changed (its attributes are then set
    /// again when it is left: adding or removing entries moves a folder's mtime).
    var openFolders: [(folder: MirroredFolder, recordPath: [UInt8], touched: Bool)] = []
    /// Folders whose entries the removals before the merge changed.
    var touched = Set<String>()
    /// `plan.items` indices of gone files whose copy `clear` renamed into its new place already, and of those whose
    /// copy could not be moved at all (the mirror lost it).
    var moved = Set<Int>()
    var lost = Set<Int>()

    init(plan: TreeSyncPlan, mirror: String, output: StreamingFile?, tolerateVanished: Bool,
         visit: @escaping (MirrorVisit) throws -> [UInt8]?) throws {
        self.plan = plan
        self.mirror = mirror
        self.output = output
        self.tolerateVanished = tolerateVanished
        self.visit = visit
        record = plan.items == nil ? nil : try plan.settings.record.flatMap { try MirrorRecordReader($0) }
        linkedFirsts = Set((plan.items ?? []).compactMap { item in
            guard case .file(_, _, .linked(let first)) = item else { return nil }
            return first
        })
        pipeline = ContentPipeline(workers: min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8), window: 64)
    }

    deinit { pipeline.shutdown() }

    func run() throws {
        let moving = TreeSync.movingArea(of: mirror)
        try Self.removeTree(moving)
        if let items = plan.items {
            try Self.makeFolder(mirror)
            try Self.makeFolder(moving)
            try clear(items)
            for item in items { try accept(item) }
            while let line = try record?.peek() {
                try carry(line)
                record?.advance()
            }
        } else {
            // Nothing in the mirror is vouched for: it is made afresh.
            try Self.removeTree(mirror)
            try Self.makeFolder(mirror)
            var settings = plan.settings
            settings.live = tolerateVanished
            try TreeSyncPlanner(settings, sink: { try self.accept($0) }).run()
        }
        try flush(waiting: true)
        try leaveAll()
        try Self.removeTree(moving)
        let root = try Syscall.open(mirror, O_RDONLY | O_DIRECTORY, operation: "open the folder")
        defer { Syscall.closeQuietly(root) }
        try FileSystemSync.flush(root, path: mirror)
    }

    /// Before anything new is made: strays removed, gone copies and links removed, renamed copies put in their new
    /// place (or aside, when that place is not free yet: a name another renamed copy still has, a folder not made
    /// yet), gone folders removed (deepest first, once what they held was moved out).
    private func clear(_ items: [TreeSyncItem]) throws {
        var claimed = Set<Int>()
        for case .file(_, _, .moved(let source)) in items { claimed.insert(source) }
        for (index, item) in items.enumerated() {
            switch item {
            case .stray(let path, let isFolder):
                try isFolder ? Self.removeTree(mirror + "/" + path) : Self.removeFile(mirror + "/" + path)
                touched.insert(Self.parent(path))
            case .goneFile(let old, _) where !claimed.contains(index):
                try Self.removeFile(mirror + "/" + old.path)
                touched.insert(Self.parent(old.path))
            case .goneLink(let path):
                try Self.removeFile(mirror + "/" + path)
                touched.insert(Self.parent(path))
            default: continue
            }
        }
        for case .file(let path, _, .moved(let source)) in items {
            guard case .goneFile(let old, _) = items[source] else { continue }
            touched.insert(Self.parent(old.path))
            touched.insert(Self.parent(path))
            if Self.renameIfFree(mirror + "/" + old.path, to: mirror + "/" + path) {
                moved.insert(source)
            } else if rename(mirror + "/" + old.path, TreeSync.movingArea(of: mirror) + "/\(source)") != 0 {
                guard errno == ENOENT else { throw SystemError("rename", mirror + "/" + old.path) }
                lost.insert(source)   // copied afresh instead
            }
        }
        for case .goneFolder(let path) in items.reversed() {
            try Self.removeTree(mirror + "/" + path)
            touched.insert(Self.parent(path))
        }
    }

    /// Does `item` at its place: the record lines before it are carried over first.
    private func accept(_ item: TreeSyncItem) throws {
        if case .stray = item { return }
        let path = item.path
        let bytes = Array(path.utf8)
        let recordPath = Array(MirrorRecordLine.escape(path).utf8)
        if let record {
            while let line = try record.peek(), line.precedes(bytes) {
                try carry(line)
                record.advance()
            }
        }
        var replaced: MirrorRecordLine?
        if item.replacesRecordLine, let record {
            guard let line = try record.peek(), line.pathBytes == bytes else { throw DamagedMirrorRecord(path: record.path) }
            replaced = line
            record.advance()
        }
        try leave(holding: recordPath)
        switch item {
        case .folder(let folder, let isNew, let attributesChanged):
            if isNew {
                try Self.makeFolder(mirror + "/" + path)
                markTouched()
            }
            openFolders.append((folder, recordPath, attributesChanged || touched.contains(path)))
            try enqueue(.line(MirrorRecordLine.folder(folder)))
        case .file(_, let status, let origin):
            markTouched()
            try place(path, status, origin)
        case .refreshed(_, let status):
            guard var file = replaced?.file() else { throw DamagedMirrorRecord(path: record?.path ?? "") }
            if Self.ownership(status) != (file.mode, file.uid, file.gid) {
                try Self.setAttributes(status, mirror + "/" + path, times: false)
                (file.mode, file.uid, file.gid) = Self.ownership(status)
            }
            file.linkCount = UInt64(status.st_nlink)
            try enqueue(.file(file))
        case .link(_, let target, let status):
            markTouched()
            guard symlink(target, mirror + "/" + path) == 0 else { throw SystemError("create the link", mirror + "/" + path) }
            try Self.setAttributes(status, mirror + "/" + path, times: true)
            try enqueue(.line(MirrorRecordLine.link(path)))
        case .goneFile, .goneFolder, .goneLink, .stray:
            break
        }
    }

    /// A record line no item is about: what it records stays as it is.
    private func carry(_ line: MirrorRecordLine) throws {
        try leave(holding: line.escapedPath)
        if line.isFile { return try carryFile(line.bytes) }
        if line.isFolder {
            guard let folder = line.folder() else { throw DamagedMirrorRecord(path: record?.path ?? "") }
            openFolders.append((folder, Array(line.escapedPath), touched.contains(folder.path)))
        }
        if output != nil { try enqueue(.line(String(decoding: line.bytes, as: UTF8.self))) }
    }

    /// Puts the new file `path` in place: copied (on the pipeline), renamed from where `clear` moved it, or
    /// linked to its first name's copy.
    private func place(_ path: String, _ status: stat, _ origin: TreeSyncItem.Origin) throws {
        switch origin {
        case .moved(let source) where !lost.contains(source):
            guard case .goneFile(var file, _)? = plan.items?[source] else { return }
            let target = mirror + "/" + path
            guard moved.contains(source) || rename(TreeSync.movingArea(of: mirror) + "/\(source)", target) == 0 else {
                throw SystemError("rename", target)
            }
            file.path = path
            if Self.ownership(status) != (file.mode, file.uid, file.gid) {
                try Self.setAttributes(status, target, times: false)
                (file.mode, file.uid, file.gid) = Self.ownership(status)
            }
            try enqueue(.file(file))
        case .linked(let first):
            // The first name came earlier: its copy exists by now (kept, renamed, or created for the pipeline),
            // unless its source vanished.
            guard !vanished.contains(first) else {
                vanished.insert(path)
                return
            }
            guard link(mirror + "/" + first, mirror + "/" + path) == 0 else {
                throw SystemError("link \(mirror)/\(first) to", mirror + "/" + path)
            }
            try enqueue(.link(first: first, path: path))
        case .copied, .moved, .undecided:
            try startCopy(path)
        }
    }

    /// rename(2) that neither replaces anything nor fails when the target's folder is missing: false then.
    static func renameIfFree(_ from: String, to: String) -> Bool {
        if let renameat2 = GNUFunctions.renameat2 {
            return renameat2(AT_FDCWD, from, AT_FDCWD, to, GNUFunctions.renameNoReplace) == 0
        }
        var info = stat()
        return lstat(to, &info) != 0 && errno == ENOENT && rename(from, to) == 0
    }

    static func parent(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }
}
