import Glibc

extension TreeSyncPlanner {
    /// The record's line for the entry `name` of `level`, if it has one; its lines for names before `name` are
    /// gone from the source.
    func recordChild(named name: [UInt8], in level: inout Level) throws -> MirrorRecordLine? {
        while let (line, lineName) = try nextChild(of: &level) {
            if lineName == name { return line }
            guard lineName.lexicographicallyPrecedes(name) else { return nil }
            try gone(line)
        }
        return nil
    }

    /// Ends the listing of `level`: its record lines not met are gone, and (checking the mirror) whatever the
    /// copy of the folder holds that no line vouched for is a stray.
    func finish(_ level: inout Level) throws {
        while let (line, _) = try nextChild(of: &level) { try gone(line) }
        for (name, status) in level.mirror where !level.vouched.contains(name) {
            try emit(.stray(path: level.path.isEmpty ? name : level.path + "/" + name,
                            isFolder: status.st_mode & S_IFMT == S_IFDIR))
        }
    }

    /// The next record line naming an entry of `level` itself, and that name; when checking the mirror, lines the
    /// mirror does not hold are passed over (reported as gone from it).
    private func nextChild(of level: inout Level) throws -> (MirrorRecordLine, [UInt8])? {
        guard let record else { return nil }
        while let line = try record.peek(), WalkOrder.isBelow(line.escapedPath, level.recordPath) {
            let rest = line.escapedPath.dropFirst(level.recordPath.isEmpty ? 0 : level.recordPath.count + 1)
            guard !rest.contains(UInt8(ascii: "/")) else { throw DamagedMirrorRecord(path: record.path) }
            let name = MirrorRecordLine.unescape(rest)
            guard try !settings.verifyMirror || vouch(line, name: name, in: &level) else {
                try gone(line, inMirror: false)
                continue
            }
            return (line, name)
        }
        return nil
    }

    /// Takes the record line `line` (and, for a folder, every line below it) as gone from the source.
    func gone(_ line: MirrorRecordLine, inMirror: Bool = true) throws {
        let path = line.path
        if line.isFolder {
            record?.advance()
            try emit(.goneFolder(path: path))
            try goneBelow(path, recordPath: Array(line.escapedPath), inMirror: inMirror)
        } else {
            try goneLine(line, inMirror: inMirror)
        }
    }

    /// Every record line below the folder `path`, gone.
    func goneBelow(_ path: String, recordPath: [UInt8], inMirror: Bool = true) throws {
        guard let record else { return }
        while let line = try record.peek(), WalkOrder.isBelow(line.escapedPath, recordPath) {
            if line.isFolder {
                record.advance()
                try emit(.goneFolder(path: line.path))
            } else {
                try goneLine(line, inMirror: inMirror)
            }
        }
    }

    private func goneLine(_ line: MirrorRecordLine, inMirror: Bool) throws {
        if line.isFile {
            let file = try fileLine(line)
            record?.advance()
            try goneFile(file, inMirror: inMirror && (!settings.verifyMirror || mirrorHolds(file)))
        } else {
            record?.advance()
            try emit(.goneLink(path: line.path))
        }
    }

    /// A file of the record the source no longer has at its path; its copy may serve a new name of the same
    /// original (a rename).
    func goneFile(_ file: MirroredFile, inMirror: Bool) throws {
        let key = InodeKey(device: file.device, inode: file.inode)
        if file.linkCount > 1 { links.disturbed.insert(key) }
        if inMirror && file.link == nil { moveSources[key, default: []].append(items.count) }
        try emit(.goneFile(file, inMirror: inMirror))
    }

    func fileLine(_ line: MirrorRecordLine) throws -> MirroredFile {
        guard let file = line.file() else { throw DamagedMirrorRecord(path: record?.path ?? "") }
        return file
    }

    func folderLine(_ line: MirrorRecordLine) throws -> MirroredFolder {
        guard let folder = line.folder() else { throw DamagedMirrorRecord(path: record?.path ?? "") }
        return folder
    }

    // MARK: Checking the mirror (after an update was cut short)

    /// Lists the copy of `level`'s folder (none: nothing in it is vouched for).
    func listMirror(of level: inout Level, name: [CChar]?, parentMirror: OpenDirectory?) throws {
        let path = level.path.isEmpty ? settings.mirror : settings.mirror + "/" + level.path
        do {
            if let name, let parentMirror {
                level.mirrorFolder = try OpenDirectory(in: parentMirror.fd, name: name, path: path)
            } else if name == nil {
                level.mirrorFolder = try OpenDirectory(path: path)
            }
        } catch let error as SystemError where [ENOENT, ENOTDIR, ELOOP].contains(error.errno) {
            return
        }
        guard let folder = level.mirrorFolder else { return }
        for entry in try folder.entries(path: path) {
            level.mirror[entry.text] = try folder.statusOf(entry.cName, path: path + "/" + entry.text)
        }
    }

    /// Whether the mirror holds what the record line says, as the entry `name` of `level`'s copy.
    private func vouch(_ line: MirrorRecordLine, name: [UInt8], in level: inout Level) throws -> Bool {
        let text = String(decoding: name, as: UTF8.self)
        guard let status = level.mirror[text] else { return false }
        let valid: Bool
        switch status.st_mode & S_IFMT {
        case S_IFREG where line.isFile:
            let file = try fileLine(line)
            valid = Self.holds(file, status) && (file.link.map { links.vouchedFirsts.contains($0) } ?? true)
            if valid && file.link == nil && file.linkCount > 1 { links.vouchedFirsts.insert(file.path) }
        case S_IFDIR: valid = line.isFolder
        case S_IFLNK: valid = !line.isFile && !line.isFolder
        default: valid = false
        }
        if valid { level.vouched.insert(text) }
        return valid
    }

    private func mirrorHolds(_ file: MirroredFile) -> Bool {
        var status = stat()
        return lstat(settings.mirror + "/" + file.path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
            && Self.holds(file, status)
    }

    /// Whether `status` (in the mirror) is the copy `file` records.
    private static func holds(_ file: MirroredFile, _ status: stat) -> Bool {
        UInt64(status.st_ino) == file.copyInode && Int64(status.st_size) == file.size
            && MirroredFolder.nanoseconds(status.st_mtim) == file.modified
    }
}
