import Foundation
import Glibc

extension TreeSyncRun {
    /// A line of the new record (and for a file, a report) waiting for the files before it.
    enum Pending {
        /// A folder or link line.
        case line(String)
        /// A file line of the old record, carried over as it is.
        case kept([UInt8])
        /// A file whose record is known.
        case file(MirroredFile)
        /// A copy on the pipeline (job `sequence`) into a copy whose inode is `copyInode`.
        case copy(sequence: Int, path: String, original: stat, copyInode: UInt64)
        /// Another name of the file at `first`.
        case link(first: String, path: String)
    }

    func enqueue(_ pending: Pending) throws {
        // Folder and link lines only matter to a new record.
        if case .line = pending, output == nil { return }
        queue.append(pending)
        try flush(waiting: false)
        // Kept files are met far faster than copies finish: wait rather than let the queue grow with the store.
        if queue.count - head > 4096 { try flush(waiting: true, keeping: 1024) }
    }

    /// A file line of the old record carried over: at once when nothing waits before it (no copy is made).
    func carryFile(_ line: ArraySlice<UInt8>) throws {
        if head == queue.count { try deliverKept(line) } else { try enqueue(.kept(Array(line))) }
    }

    /// Writes and reports what waits, in order, as far as copies are done; with `waiting`, until at most
    /// `keeping` are left.
    func flush(waiting: Bool, keeping: Int = 0) throws {
        while head < queue.count && (!waiting || queue.count - head > keeping) {
            var file: MirroredFile?
            switch queue[head] {
            case .line(let text):
                try output?.append(line: text)
            case .kept(let line):
                try deliverKept(line[...])
            case .file(let known):
                file = known
            case .copy(let sequence, let path, let original, let copyInode):
                guard let result = pipeline.take(sequence, wait: waiting) else { return }
                let content = try result.get()
                let (mode, uid, gid) = Self.ownership(original)
                file = MirroredFile(path: path, size: content.size, modified: MirroredFolder.nanoseconds(original.st_mtim),
                                    digest: content.digest, link: nil, device: UInt64(original.st_dev),
                                    inode: UInt64(original.st_ino), linkCount: UInt64(original.st_nlink), mode: mode,
                                    uid: uid, gid: gid, copyInode: copyInode)
            case .link(let first, let path):
                if var original = firsts[first] {
                    original.path = path
                    original.link = first
                    file = original
                } else {
                    vanished.insert(path)
                }
            }
            head += 1
            if let file { try deliver(file) }
        }
        if head > 4096 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }

    /// Reports a kept file with the note it has, and writes its line as it was. One without a note is read whole
    /// and reported as placed, so the caller can note it now; so is a first name other names may link to, for
    /// their records (rare: only files with several names).
    private func deliverKept(_ bytes: ArraySlice<UInt8>) throws {
        let line = MirrorRecordLine(bytes: bytes)
        guard let kept = line.keptFile() else { throw DamagedMirrorRecord(path: record?.path ?? "") }
        let mayBeFirst = !kept.isLink && (kept.linkCount > 1 || (!linkedFirsts.isEmpty && linkedFirsts.contains(line.path)))
        if kept.note.isEmpty || mayBeFirst {
            guard let file = line.file() else { throw DamagedMirrorRecord(path: record?.path ?? "") }
            guard !kept.note.isEmpty else { return try deliver(file) }
            remember(file)
        }
        try output?.append(line: bytes)
        _ = try visit(.kept(size: kept.size, isLink: kept.isLink, note: kept.note))
    }

    /// Reports a file placed (or recorded) anew and writes its line, with the note the caller gives it.
    private func deliver(_ file: MirroredFile) throws {
        remember(file)
        let note = try visit(.placed(file))
        try output?.append(line: MirrorRecordLine.file(file, note: note))
    }

    /// Keeps the record of a first name that other names link to.
    private func remember(_ file: MirroredFile) {
        if file.link == nil && (file.linkCount > 1 || linkedFirsts.contains(file.path)) { firsts[file.path] = file }
    }

    /// Creates the copy of `path` and hands its content to the pipeline; a source gone meanwhile is left out when
    /// that is tolerated.
    func startCopy(_ path: String) throws {
        let source = plan.settings.source + "/" + path, target = mirror + "/" + path
        // O_NONBLOCK: should the entry have turned into a fifo since it was listed, opening must not hang.
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard input >= 0 else {
            guard tolerateVanished && errno == ENOENT else { throw SystemError("read", source) }
            vanished.insert(path)
            return
        }
        var output: Int32 = -1
        do {
            let info = try Syscall.fstat(input, path: source)
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw NotARegularFile(path: source, kind: FileStatus(info).kind)
            }
            output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard output >= 0 else { throw SystemError("create", target) }
            let copy = try Syscall.fstat(output, path: target)
            let sequence = nextSequence
            nextSequence += 1
            pipeline.submit(ContentJob(sequence: sequence, input: input, output: output, original: info,
                                       sourcePath: source, destinationPath: target))
            try enqueue(.copy(sequence: sequence, path: path, original: info, copyInode: UInt64(copy.st_ino)))
        } catch {
            Syscall.closeQuietly(input)
            if output >= 0 { Syscall.closeQuietly(output) }
            throw error
        }
    }

    /// The folder now being filled changed.
    func markTouched() {
        if !openFolders.isEmpty { openFolders[openFolders.count - 1].touched = true }
    }

    /// Leaves the open folders that do not hold `path` (as the record writes it), giving each copy that changed
    /// its source's owner, mode and mtime again.
    func leave(holding path: some Collection<UInt8>) throws {
        while let open = openFolders.last, !WalkOrder.isBelow(path, open.recordPath) {
            try leaveFolder()
        }
    }

    func leaveAll() throws {
        while !openFolders.isEmpty { try leaveFolder() }
    }

    private func leaveFolder() throws {
        let (folder, _, changed) = openFolders.removeLast()
        guard changed else { return }
        let copy = folder.path.isEmpty ? mirror : mirror + "/" + folder.path
        var status = stat()
        guard lstat(copy, &status) == 0 else { throw SystemError("inspect", copy) }
        guard !folder.sameAttributes(status) else { return }
        if (status.st_uid, status.st_gid) != (folder.uid, folder.gid) {
            guard chown(copy, folder.uid, folder.gid) == 0 else { throw SystemError("change the owner of", copy) }
        }
        if UInt32(status.st_mode & 0o7777) != folder.mode || status.st_uid != folder.uid || status.st_gid != folder.gid {
            // (chown may have cleared setgid)
            guard chmod(copy, mode_t(folder.mode)) == 0 else { throw SystemError("change the permissions of", copy) }
        }
        var times = [timespec(tv_sec: 0, tv_nsec: Self.omitTime), MirroredFolder.time(folder.mtime)]
        guard utimensat(AT_FDCWD, copy, &times, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw SystemError("set the times of", copy)
        }
    }

    /// UTIME_OMIT (a macro Swift does not import): leave that time as it is.
    static let omitTime = (1 << 30) - 2

    static func ownership(_ info: stat) -> (UInt32, UInt32, UInt32) {
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
