extension TreeSyncPlanner {
    /// What the walk learns about files with several names. A record line kept without a look at its file stands
    /// only while every name of its original is where it was: a new name, or one gone, can change which name comes
    /// first (the copy, the others being links of it), so the folders holding the other names must then be looked
    /// at too.
    struct LinkGroups {
        /// The first name met of each multiply-linked original, in walk order.
        var firstNames: [InodeKey: String] = [:]
        /// First names whose copy the mirror keeps: only then can its other names stay links of it.
        var keptFirsts: Set<String> = []
        /// Originals with a name that is new, changed or gone.
        var disturbed: Set<InodeKey> = []
        /// The folders holding a name of each original that was not looked at (kept on the record's word).
        var unseenFolders: [InodeKey: Set<String>] = [:]
        /// Names found per original, and how many it has (the most any name listed reported).
        var found: [InodeKey: UInt64] = [:]
        var expected: [InodeKey: UInt64] = [:]
        /// Checking the mirror: first names whose copy was found as recorded.
        var vouchedFirsts: Set<String> = []

        /// A listed name of an original with `names` names.
        mutating func met(_ key: InodeKey, names: UInt64) {
            found[key, default: 0] += 1
            expected[key] = max(expected[key] ?? 0, names)
        }

        /// A recorded name (the record line `line`, of an original with several names) in `folder`, not looked at.
        mutating func unseen(_ line: MirrorRecordLine, folder: String, record: String) throws {
            guard let file = line.file() else { throw DamagedMirrorRecord(path: record) }
            let key = InodeKey(device: file.device, inode: file.inode)
            found[key, default: 0] += 1
            unseenFolders[key, default: []].insert(folder)
            if let first = firstNames[key] {
                if file.link != first { disturbed.insert(key) }
            } else {
                firstNames[key] = file.path
                keptFirsts.insert(file.path)
                if file.link != nil { disturbed.insert(key) }
            }
        }
    }

    /// Folders holding a name of a disturbed original that was not looked at: the walk must be made again with
    /// every name there looked at. Names recorded with a single link (it gained one since) are looked for in the
    /// whole record, which happens only when some name of such an original was not found.
    func foldersToList() throws -> Set<String> {
        var folders = Set<String>()
        var missing = Set<InodeKey>()
        for key in links.disturbed {
            folders.formUnion(links.unseenFolders[key] ?? [])
            if let expected = links.expected[key], links.found[key, default: 0] < expected { missing.insert(key) }
        }
        guard !missing.isEmpty, let path = settings.record,
              let record = try MirrorRecordReader(path) else { return folders }
        while let line = try record.peek() {
            if let file = line.keptFile(), missing.contains(InodeKey(device: file.device, inode: file.inode)) {
                let path = line.path
                folders.insert(path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "")
            }
            record.advance()
        }
        return folders
    }

    /// Gives each new file without a copy its origin: the copy of a gone file of the same original, unchanged, when
    /// there is one (renamed), else a fresh copy. Then counts what is removed.
    func resolveMoves() {
        var claimed = Set<Int>()
        for index in undecided {
            guard case .file(let path, let status, .undecided) = items[index] else { continue }
            let candidates = moveSources[InodeKey(status)] ?? []
            if let source = candidates.first(where: { source in
                guard !claimed.contains(source), case .goneFile(let old, _) = items[source] else { return false }
                return Self.unchanged(old, status)
            }) {
                claimed.insert(source)
                items[index] = .file(path: path, status: status, origin: .moved(source))
                counts.movedFiles += 1
            } else {
                items[index] = .file(path: path, status: status, origin: .copied)
                counts.copiedFiles += 1
                counts.copiedBytes += Int64(status.st_size)
            }
        }
        for (index, item) in items.enumerated() {
            if case .goneFile(_, true) = item, !claimed.contains(index) { counts.removedFiles += 1 }
        }
    }
}
