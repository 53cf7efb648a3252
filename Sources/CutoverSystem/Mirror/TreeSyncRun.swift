import Foundation
import Glibc

/// One `TreeSync.apply`: clears what is gone, puts renamed copies in their new place, copies and hashes what is new
/// on worker threads (`ContentPipeline`, as the full copy does), and reports every file in the source's order.
final class TreeSyncRun {
    let plan: TreeSyncPlan
    let mirror: String
    let tolerateVanished: Bool
    private var origins: [TreeSyncPlan.Origin]
    private var opened: [Int: stat] = [:]
    private var vanished = Set<String>()
    /// The record of each multiply-linked file's first name, for its other names.
    private var firsts: [String: MirroredFile] = [:]

    init(plan: TreeSyncPlan, mirror: String, tolerateVanished: Bool) {
        self.plan = plan
        self.mirror = mirror
        self.tolerateVanished = tolerateVanished
        origins = plan.files.map(\.origin)
    }

    func run(_ visit: (MirroredFile) throws -> Void) throws {
        let moving = TreeSync.movingArea(of: mirror)
        try Self.removeTree(moving)
        try Self.makeFolder(mirror)
        try Self.makeFolder(moving)
        for stray in plan.previous.strays { try Self.removeFile(mirror + "/" + stray) }
        let old = plan.previous.files
        for (position, file) in plan.files.enumerated() {
            guard case .moved(let index) = file.origin else { continue }
            if rename(mirror + "/" + old[index].path, moving + "/\(position)") != 0 {
                guard errno == ENOENT else { throw SystemError("rename", mirror + "/" + old[index].path) }
                origins[position] = .copied   // the mirror lost it: copy it afresh
            }
        }
        for link in plan.previous.links { try Self.removeFile(mirror + "/" + link) }
        for index in plan.removed { try Self.removeFile(mirror + "/" + old[index].path) }
        let wanted = Set(plan.scan.folders.map(\.path))
        for folder in plan.previous.folders.reversed() where !wanted.contains(folder) {
            try Self.removeTree(mirror + "/" + folder)
        }
        for folder in plan.scan.folders.dropFirst() { try Self.makeFolder(mirror + "/" + folder.path) }
        try copyFiles(visit)
        for (entry, target) in plan.scan.links {
            let path = mirror + "/" + entry.path
            guard symlink(target, path) == 0 else { throw SystemError("create the link", path) }
            try Self.setAttributes(entry.status, path, times: true)
        }
        // Children before parents: adding entries changes a folder's mtime.
        for folder in plan.scan.folders.reversed() {
            let path = folder.path.isEmpty ? mirror : mirror + "/" + folder.path
            let copy = try FileStatus.of(path)
            let source = FileStatus(folder.status)
            if copy.mode != source.mode || copy.uid != source.uid || copy.gid != source.gid
                || copy.modificationTime != source.modificationTime {
                try Self.setAttributes(folder.status, path, times: true)
            }
        }
        try Self.removeTree(moving)
        let root = try Syscall.open(mirror, O_RDONLY | O_DIRECTORY, operation: "open the folder")
        defer { Syscall.closeQuietly(root) }
        try FileSystemSync.flush(root, path: mirror)
    }

    /// Starts every copy on the pipeline and reports the files in order as their content becomes known.
    private func copyFiles(_ visit: (MirroredFile) throws -> Void) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let pipeline = ContentPipeline(workers: min(max(cores, 1), 8), window: 64)
        defer { pipeline.shutdown() }
        var next = 0
        /// Reports files before `end` (all of them started), as far as their content is known; with `waiting`, all.
        func report(before end: Int, waiting: Bool) throws {
            while next < end {
                var content: FileContent?
                if case .copied = origins[next], opened[next] != nil {
                    guard let result = pipeline.take(next, wait: waiting) else { return }
                    content = try result.get()
                }
                if let file = try finish(next, content: content) { try visit(file) }
                next += 1
            }
        }
        for position in plan.files.indices {
            if case .copied = origins[position] { try startCopy(position, on: pipeline) }
            try report(before: position + 1, waiting: false)
        }
        try report(before: plan.files.count, waiting: true)
    }

    private func startCopy(_ position: Int, on pipeline: ContentPipeline) throws {
        let file = plan.files[position]
        let source = plan.source + "/" + file.path, target = mirror + "/" + file.path
        // O_NONBLOCK: should the entry have turned into a fifo since it was listed, opening must not hang.
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard input >= 0 else {
            guard tolerateVanished && errno == ENOENT else { throw SystemError("read", source) }
            return
        }
        let info: stat
        do {
            info = try Syscall.fstat(input, path: source)
            guard info.st_mode & S_IFMT == S_IFREG else { throw NotARegularFile(path: source, kind: FileStatus(info).kind) }
        } catch {
            Syscall.closeQuietly(input)
            throw error
        }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            Syscall.closeQuietly(input)
            throw SystemError("create", target)
        }
        opened[position] = info
        pipeline.submit(ContentJob(sequence: position, input: input, output: output, original: info,
                                   sourcePath: source, destinationPath: target))
    }

    /// Puts file `position` in place (for those not copied) and returns its record; nil when it vanished.
    private func finish(_ position: Int, content: FileContent?) throws -> MirroredFile? {
        let file = plan.files[position]
        let path = mirror + "/" + file.path
        var record: MirroredFile
        switch origins[position] {
        case .kept(let index):
            record = plan.previous.files[index]
            if Self.ownership(record) != Self.ownership(file.status) { try Self.setAttributes(file.status, path, times: false) }
        case .moved(let index):
            guard rename(TreeSync.movingArea(of: mirror) + "/\(position)", path) == 0 else {
                throw SystemError("rename", path)
            }
            record = plan.previous.files[index]
            if Self.ownership(record) != Self.ownership(file.status) { try Self.setAttributes(file.status, path, times: false) }
        case .copied:
            guard let content, let info = opened[position] else {
                vanished.insert(file.path)
                return nil
            }
            record = MirroredFile(path: file.path, size: content.size, mtime: FileStatus(info).modificationTime,
                                  digest: content.digest, link: nil, device: UInt64(info.st_dev),
                                  inode: UInt64(info.st_ino), mode: 0, uid: 0, gid: 0,
                                  copyInode: UInt64(try FileStatus.of(path).inode))
            (record.mode, record.uid, record.gid) = Self.ownership(info)
        case .linked(let first, let kept):
            guard !vanished.contains(first), let original = firsts[first] else {
                vanished.insert(file.path)
                return nil
            }
            if let kept {
                record = plan.previous.files[kept]
            } else {
                guard link(mirror + "/" + first, path) == 0 else { throw SystemError("link \(mirror)/\(first) to", path) }
                record = original
            }
            record.link = first
        }
        record.path = file.path
        if file.status.st_nlink > 1 && record.link == nil { firsts[file.path] = record }
        return record
    }

    private static func ownership(_ record: MirroredFile) -> (UInt32, UInt32, UInt32) {
        (record.mode, record.uid, record.gid)
    }

    private static func ownership(_ info: stat) -> (UInt32, UInt32, UInt32) {
        (UInt32(info.st_mode & 0o7777), info.st_uid, info.st_gid)
    }

    /// Owner, then mode (not for a link: Linux has no link modes), then with `times` access and modification times.
    static func setAttributes(_ info: stat, _ path: String, times: Bool) throws {
        guard fchownat(AT_FDCWD, path, info.st_uid, info.st_gid, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw SystemError("change the owner of", path)
        }
        if info.st_mode & S_IFMT != S_IFLNK {
            guard chmod(path, info.st_mode & 0o7777) == 0 else { throw SystemError("change the permissions of", path) }
        }
        guard times else { return }
        var stamps = [info.st_atim, info.st_mtim]
        guard utimensat(AT_FDCWD, path, &stamps, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw SystemError("set the times of", path)
        }
    }

    /// A private folder (its attributes come last); one already there is fine.
    static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw SystemError("create the folder", path) }
    }

    /// unlink(2); nothing there is fine.
    static func removeFile(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw SystemError("remove", path) }
    }

    /// Removes `path` and everything below it, links never followed; nothing there is fine.
    static func removeTree(_ path: String) throws {
        guard try FileStatus.ifExists(path) != nil else { return }
        try FileManager.default.removeItem(atPath: path)
    }
}
