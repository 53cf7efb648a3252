import Glibc

/// Keeps a mirror of a mail tree up to date by the difference, the way `rsync` does but knowing Maildir: a file
/// whose original kept its inode, size and mtime is kept (also under a new name, which is how a flag change or a
/// move from `new/` to `cur/` looks), anything else is copied and hashed again, and what the source no longer has
/// is removed. The mirror then matches what `TreeCopier.copy` would have made: same files, folders, links, hard
/// links, owners, modes and times.
public enum TreeSync {
    /// Compares the source's metadata with the mirror's record; reads no file.
    public static func plan(source: String, previous: MirrorState) throws -> TreeSyncPlan {
        let scan = try TreeScan(source)
        let old = previous.files
        var byPath: [String: Int] = [:]
        var byIdentity: [InodeKey: [Int]] = [:]
        for (index, file) in old.enumerated() {
            byPath[file.path] = index
            if file.link == nil { byIdentity[InodeKey(device: file.device, inode: file.inode), default: []].append(index) }
        }
        var origins: [TreeSyncPlan.Origin?] = Array(repeating: nil, count: scan.files.count)
        var claimed = Set<Int>()
        var firstNames: [InodeKey: Int] = [:]
        for (position, entry) in scan.files.enumerated() {
            let key = InodeKey(entry.status)
            if entry.status.st_nlink > 1 {
                if let first = firstNames[key] {
                    origins[position] = .linked(first: scan.files[first].path, kept: nil)
                    continue
                }
                firstNames[key] = position
            }
            if let index = byPath[entry.path], old[index].link == nil, Self.unchanged(old[index], entry.status) {
                origins[position] = .kept(index)
                claimed.insert(index)
            }
        }
        for (position, entry) in scan.files.enumerated() where origins[position] == nil {
            let candidates = byIdentity[InodeKey(entry.status)] ?? []
            if let index = candidates.first(where: { !claimed.contains($0) && Self.unchanged(old[$0], entry.status) }) {
                origins[position] = .moved(index)
                claimed.insert(index)
            } else {
                origins[position] = .copied
            }
        }
        // A hard link the mirror already has stays, when its first name is kept too (so both share one copy).
        for (position, entry) in scan.files.enumerated() {
            guard case .linked(let first, _) = origins[position], let index = byPath[entry.path],
                  old[index].link == first, Self.unchanged(old[index], entry.status),
                  let firstIndex = byPath[first], claimed.contains(firstIndex),
                  case .kept = origins[firstNames[InodeKey(entry.status)]!]! else { continue }
            origins[position] = .linked(first: first, kept: index)
            claimed.insert(index)
        }
        let files = zip(scan.files, origins).map { TreeSyncPlan.File(path: $0.path, status: $0.status, origin: $1!) }
        return TreeSyncPlan(source: source, previous: previous, scan: scan, files: files,
                            removed: old.indices.filter { !claimed.contains($0) })
    }

    /// Brings `mirror` (created when missing) to what `plan` found in the source, and calls `visit` for every file
    /// in the order of the source's walk (`TreeCopier`'s order), with its digest. Everything is on disk when it
    /// returns. With `tolerateVanished` a source file gone since the plan (mail read or moved while the server
    /// runs) is left out instead of failing: the next update finds it wherever it went.
    ///
    /// After a crash part way, the mirror is between its old and new state: `reconcile` makes its record true again.
    public static func apply(_ plan: TreeSyncPlan, to mirror: String, tolerateVanished: Bool,
                             visit: (MirroredFile) throws -> Void) throws {
        try TreeSyncRun(plan: plan, mirror: mirror, tolerateVanished: tolerateVanished).run(visit)
    }

    /// What the mirror really holds after an update was cut short: every file whose copy is the one `previous`
    /// recorded (same copy inode, size and mtime) under whatever name it has now. Anything else (a copy cut
    /// short, a temporary) is listed in `strays`, which the next `apply` removes first. Reads only.
    public static func reconcile(mirror: String, previous: MirrorState) throws -> MirrorState {
        let scan = try TreeScan(mirror, missingIsEmpty: true)
        let byCopy = Dictionary(previous.files.map { ($0.copyInode, $0) }, uniquingKeysWith: { first, _ in first })
        var state = MirrorState(folders: scan.folders.dropFirst().map(\.path), links: scan.links.map(\.entry.path))
        var firstNames: [InodeKey: String] = [:]
        for entry in scan.files {
            let key = InodeKey(entry.status)
            guard var file = byCopy[UInt64(entry.status.st_ino)], file.size == Int64(entry.status.st_size),
                  file.mtime == FileStatus(entry.status).modificationTime else {
                state.strays.append(entry.path)
                continue
            }
            file.path = entry.path
            file.link = entry.status.st_nlink > 1 ? firstNames[key] : nil
            if entry.status.st_nlink > 1 && file.link == nil { firstNames[key] = entry.path }
            state.files.append(file)
        }
        return state
    }

    /// Where files being renamed wait between leaving their old name and taking their new one.
    static func movingArea(of mirror: String) -> String { mirror + ".cutover-moving" }

    static func unchanged(_ file: MirroredFile, _ status: stat) -> Bool {
        file.device == UInt64(status.st_dev) && file.inode == UInt64(status.st_ino)
            && file.size == Int64(status.st_size) && file.mtime == FileStatus(status).modificationTime
    }
}

extension InodeKey {
    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}
