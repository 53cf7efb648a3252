import Glibc

/// The walk behind `TreeSync.plan`: the source, depth first with each folder's entries in byte order, beside the
/// mirror's record, which lists the tree in the same order as the last update saw it. Each folder's entries are
/// merged with its record lines by name, and what differs becomes a `TreeSyncItem`, in walk order. A folder whose
/// stamp shows nothing changed there (`MirroredFolder.unchanged`) is not listed: its record lines stand.
final class TreeSyncPlanner {
    /// A folder being listed.
    struct Level {
        let folder: OpenDirectory
        let path: String
        /// `path` as the record writes it, for matching its lines.
        let recordPath: [UInt8]
        let entries: [DirectoryEntry]
        var next = 0
        /// With `verifyMirror`: the copy of this folder and what it holds, and the names a record line vouched for.
        var mirror: [String: stat] = [:]
        var mirrorFolder: OpenDirectory?
        var vouched: Set<String> = []

        func close() {
            folder.close()
            mirrorFolder?.close()
        }
    }

    let settings: TreeSyncPlan.Settings
    let record: MirrorRecordReader?
    /// Where items go as they are found; nil to keep them in `items` (needed to resolve renames).
    private let sink: ((TreeSyncItem) throws -> Void)?
    var items: [TreeSyncItem] = []
    var counts = TreeSyncPlan.Counts()
    private(set) var notable: [NotableEntry] = []
    var links = LinkGroups()
    /// `items` indices of gone files whose copy a new name of the same original can take, by that original.
    var moveSources: [InodeKey: [Int]] = [:]
    /// `items` indices of files whose origin waits for `resolveMoves`.
    var undecided: [Int] = []
    private let linkBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)

    init(_ settings: TreeSyncPlan.Settings, sink: ((TreeSyncItem) throws -> Void)? = nil) throws {
        self.settings = settings
        record = try settings.record.flatMap { try MirrorRecordReader($0) }
        self.sink = sink
    }

    deinit { linkBuffer.deallocate() }

    func emit(_ item: TreeSyncItem) throws {
        if let sink { try sink(item) } else { items.append(item) }
    }

    /// Walks the whole source.
    func run() throws {
        let stampedAt = MirroredFolder.now()
        let root = try OpenDirectory(path: settings.source)
        var stack: [Level] = []
        defer { for level in stack { level.close() } }
        var recorded: MirroredFolder?
        if let line = try record?.peek(), line.isFolder, line.escapedPath.isEmpty {
            recorded = try folderLine(line)
            record?.advance()
        }
        stack.append(try level(root, path: "", name: nil, stampedAt: stampedAt, recorded: recorded, parentMirror: nil))
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                try finish(&stack[top])
                stack.removeLast().close()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let nameBytes = entry.name.map { UInt8(bitPattern: $0) }
            guard let name = String(validating: nameBytes, as: UTF8.self) else {
                throw UnmirrorableName(folder: sourcePath(stack[top].path))
            }
            let path = stack[top].path.isEmpty ? name : stack[top].path + "/" + name
            let recordedLine = try recordChild(named: nameBytes, in: &stack[top])
            if entry.type == DirectoryEntry.directory {
                guard stack.count < TreeTooDeep.maximumDepth else {
                    throw TreeTooDeep(path: sourcePath(path), limit: TreeTooDeep.maximumDepth)
                }
                if let child = try folder(entry.cName, path: path, recordedLine, in: stack[top]) { stack.append(child) }
                continue
            }
            var status = stat()
            guard fstatat(stack[top].folder.fd, entry.cName, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                guard settings.live && errno == ENOENT else { throw SystemError("inspect", sourcePath(path)) }
                if let recordedLine { try gone(recordedLine) }
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                try file(path, status, recordedLine)
            case S_IFDIR:
                guard stack.count < TreeTooDeep.maximumDepth else {
                    throw TreeTooDeep(path: sourcePath(path), limit: TreeTooDeep.maximumDepth)
                }
                if let child = try folder(entry.cName, path: path, recordedLine, in: stack[top]) { stack.append(child) }
            case S_IFLNK:
                if let recordedLine { try gone(recordedLine) }
                let count = readlinkat(stack[top].folder.fd, entry.cName, linkBuffer, Int(PATH_MAX))
                guard count >= 0 else { throw SystemError("read the link", sourcePath(path)) }
                guard let target = String(validating: UnsafeRawBufferPointer(start: linkBuffer, count: count),
                                          as: UTF8.self) else { throw UnmirrorableName(folder: sourcePath(path)) }
                try emit(.link(path: path, target: target, status: status))
                notable.append(NotableEntry(relativePath: path, kind: .symbolicLink(target: target)))
            default:
                if let recordedLine { try gone(recordedLine) }
                notable.append(NotableEntry(relativePath: path, kind: TreeCopy.specialKind(status.st_mode)))
            }
        }
    }

    /// A regular file of the source, and the record's line for its path (if any).
    private func file(_ path: String, _ status: stat, _ recordedLine: MirrorRecordLine?) throws {
        var old: MirroredFile?
        if let recordedLine {
            if recordedLine.isFile {
                old = try fileLine(recordedLine)
                record?.advance()
            } else {
                try gone(recordedLine)
            }
        }
        counts.totalFiles += 1
        let key = InodeKey(status)
        if status.st_nlink > 1 {
            links.met(key, names: UInt64(status.st_nlink))
            if let first = links.firstNames[key] {
                if let old, old.link == first, Self.unchanged(old, status), links.keptFirsts.contains(first) {
                    return try keep(old, status)
                }
                links.disturbed.insert(key)
                if let old { try goneFile(old, inMirror: true) }
                return try emit(.file(path: path, status: status, origin: .linked(first: first)))
            }
            links.firstNames[key] = path
        }
        counts.totalBytes += Int64(status.st_size)
        if let old, old.link == nil, Self.unchanged(old, status) {
            if status.st_nlink > 1 { links.keptFirsts.insert(path) }
            return try keep(old, status)
        }
        if status.st_nlink > 1 { links.disturbed.insert(key) }
        if let old { try goneFile(old, inMirror: true) }
        guard record != nil else {
            counts.copiedFiles += 1
            counts.copiedBytes += Int64(status.st_size)
            return try emit(.file(path: path, status: status, origin: .copied))
        }
        undecided.append(items.count)
        try emit(.file(path: path, status: status, origin: .undecided))
    }

    private func keep(_ old: MirroredFile, _ status: stat) throws {
        counts.keptFiles += 1
        if (old.mode, old.uid, old.gid, old.linkCount)
            != (UInt32(status.st_mode & 0o7777), status.st_uid, status.st_gid, UInt64(status.st_nlink)) {
            try emit(.refreshed(path: old.path, status: status))
        }
    }

    /// A folder of the source: skipped when its stamp holds, else opened to be listed (returned). Only a folder
    /// that may be skipped is looked at before it is opened: opening gives the status of the others.
    private func folder(_ name: [CChar], path: String, _ recordedLine: MirrorRecordLine?,
                        in parent: Level) throws -> Level? {
        var old: MirroredFolder?
        if let recordedLine {
            if recordedLine.isFolder {
                old = try folderLine(recordedLine)
                record?.advance()
            } else {
                try gone(recordedLine)
            }
        }
        if let old, !settings.verifyMirror, !settings.forced.contains(path), Self.mayBeSkipped(old, settings) {
            var status = stat()
            guard fstatat(parent.folder.fd, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                guard settings.live && errno == ENOENT else { throw SystemError("inspect", sourcePath(path)) }
                return try vanished(old)
            }
            if status.st_mode & S_IFMT == S_IFDIR && old.unchanged(status) {
                try skip(old, status)
                return nil
            }
        }
        let stampedAt = MirroredFolder.now()
        let child: OpenDirectory
        do {
            child = try OpenDirectory(in: parent.folder.fd, name: name, path: sourcePath(path))
        } catch let error as SystemError where settings.live && [ENOENT, ENOTDIR, ELOOP].contains(error.errno) {
            // Gone or replaced since it was listed: the next update sees what is there now.
            return try vanished(old)
        }
        do {
            return try level(child, path: path, name: name, stampedAt: stampedAt, recorded: old,
                             parentMirror: parent.mirrorFolder)
        } catch {
            child.close()
            throw error
        }
    }

    /// A folder that vanished while the source was read: what the record holds below it is gone.
    private func vanished(_ old: MirroredFolder?) throws -> Level? {
        if let old {
            try emit(.goneFolder(path: old.path))
            try goneBelow(old.path, recordPath: Array(MirrorRecordLine.escape(old.path).utf8))
        }
        return nil
    }

    /// Lists the open folder `folder`, reports it when the record lacks it or holds it otherwise.
    private func level(_ folder: OpenDirectory, path: String, name: [CChar]?, stampedAt: Int64,
                       recorded: MirroredFolder?, parentMirror: OpenDirectory?) throws -> Level {
        let entries = try folder.entries(path: sourcePath(path))
        let contents: MirroredFolder.Contents = entries.isEmpty ? .empty
            : entries.allSatisfy({ $0.type == DirectoryEntry.regular }) ? .files : .mixed
        let fresh = MirroredFolder(path: path, contents: contents, status: folder.status, stampedAt: stampedAt)
        var level = Level(folder: folder, path: path, recordPath: Array(MirrorRecordLine.escape(path).utf8),
                          entries: entries)
        if settings.verifyMirror { try listMirror(of: &level, name: name, parentMirror: parentMirror) }
        if let recorded {
            var unstamped = fresh
            unstamped.stampedAt = recorded.stampedAt
            // A new stamp is only worth a line when the old one could not be trusted and the folder may be skipped.
            if unstamped != recorded || (!recorded.isSettled && Self.mayBeSkipped(fresh, settings)) {
                try emit(.folder(fresh, isNew: false, attributesChanged: !recorded.sameAttributes(folder.status)))
            }
        } else {
            try emit(.folder(fresh, isNew: true, attributesChanged: true))
        }
        return level
    }

    /// A folder whose stamp holds: every file its record lists is kept, read from the record without a look at
    /// the disk.
    private func skip(_ old: MirroredFolder, _ status: stat) throws {
        counts.skippedFolders += 1
        if (old.mode, old.uid, old.gid) != (UInt32(status.st_mode & 0o7777), status.st_uid, status.st_gid) {
            try emit(.folder(MirroredFolder(path: old.path, contents: old.contents, status: status,
                                            stampedAt: old.stampedAt), isNew: false, attributesChanged: true))
        }
        guard let record else { return }
        let folder = Array(MirrorRecordLine.escape(old.path).utf8)
        while let line = try record.peek(), WalkOrder.isBelow(line.escapedPath, folder) {
            try keptUnseen(line, in: old.path)
        }
    }

    /// A file of a skipped `folder`, kept on the record's word alone.
    private func keptUnseen(_ line: MirrorRecordLine, in folder: String) throws {
        guard let record, let kept = line.keptFile() else { throw DamagedMirrorRecord(path: settings.record ?? "") }
        counts.totalFiles += 1
        counts.keptFiles += 1
        if !kept.isLink { counts.totalBytes += kept.size }
        if kept.linkCount > 1 { try links.unseen(line, folder: folder, record: record.path) }
        record.advance()
    }

    /// Whether nothing in `folder` can change without its mtime moving: it held nothing, or only files never
    /// rewritten in place.
    static func mayBeSkipped(_ folder: MirroredFolder, _ settings: TreeSyncPlan.Settings) -> Bool {
        folder.contents == .empty || (folder.contents == .files && settings.stable(folder.path))
    }

    func sourcePath(_ relative: String) -> String {
        relative.isEmpty ? settings.source : settings.source + "/" + relative
    }

    /// Same original, same size and mtime: the copy the mirror holds is still right.
    static func unchanged(_ file: MirroredFile, _ status: stat) -> Bool {
        file.device == UInt64(status.st_dev) && file.inode == UInt64(status.st_ino)
            && file.size == Int64(status.st_size) && file.modified == MirroredFolder.nanoseconds(status.st_mtim)
    }
}
