import Glibc

extension TreeCopy {
    /// Handles one regular file: a hard link of a file met before is linked at once; otherwise the file is
    /// created here and its content handed to the pipeline (or, in a walk without digests, only its status read).
    func addFile(_ name: [CChar], in folder: OpenDirectory, into target: Int32, root: Int32,
                 relative: [CChar]) throws {
        var input: Int32 = -1
        var handedOver = false
        defer { if input >= 0 && !handedOver { Syscall.closeQuietly(input) } }
        let info: stat
        if pipeline != nil {
            // O_NONBLOCK: should the entry have turned into a fifo since it was listed, opening must not hang.
            input = openat(folder.fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard input >= 0 else { throw SystemError("read", sourcePath(relative)) }
            info = try Syscall.fstat(input, path: sourcePath(relative))
        } else {
            info = try folder.statusOf(name, path: sourcePath(relative))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            notable.append(NotableEntry(relativePath: DirectoryEntry.text(relative), kind: Self.specialKind(info.st_mode)))
            return
        }
        let relativePath = DirectoryEntry.text(relative)
        let modificationTime = FileStatus(info).modificationTime
        let key = info.st_nlink > 1 ? InodeKey(info) : nil
        if let key, let first = firstLinks[key] {
            if target >= 0 {
                guard linkat(root, first.cPath, target, name, 0) == 0 else {
                    let firstCopy = destinationPath(Array(first.cPath.dropLast()))
                    throw SystemError("link \(firstCopy) to", destinationPath(relative))
                }
            }
            return pending.append(.hardLink(key: key, relativePath: relativePath, firstPath: first.relativePath,
                                            modificationTime: modificationTime))
        }
        if let key { firstLinks[key] = FirstLink(cPath: relative + [0], relativePath: relativePath) }
        guard let pipeline else {
            return pending.append(.known(relativePath: relativePath, modificationTime: modificationTime,
                                         size: Int64(info.st_size), key: key))
        }
        var output: Int32 = -1
        if target >= 0 {
            output = openat(target, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard output >= 0 else { throw SystemError("create", destinationPath(relative)) }
        }
        let sequence = nextSequence
        nextSequence += 1
        handedOver = true
        pipeline.submit(ContentJob(sequence: sequence, input: input, output: output, original: info,
                                   sourcePath: sourcePath(relative), destinationPath: destinationPath(relative)))
        pending.append(.content(sequence: sequence, relativePath: relativePath, modificationTime: modificationTime,
                                size: Int64(info.st_size), key: key))
    }

    /// Calls `visit` for the pending files, in order, as far as their content is known; with `waiting`, for all.
    func drain(waiting: Bool, _ visit: (CopiedFile) throws -> Void) throws {
        var done = 0
        defer { pending.removeFirst(done) }
        for item in pending {
            let file: CopiedFile
            switch item {
            case let .content(sequence, relativePath, modificationTime, _, key):
                guard let result = pipeline?.take(sequence, wait: waiting) else { return }
                let content = try result.get()
                if let key { linkedContent[key] = content }
                file = CopiedFile(relativePath: relativePath, size: content.size, modificationTime: modificationTime,
                                  digest: content.digest, hardLinkOf: nil)
            case let .known(relativePath, modificationTime, size, key):
                if let key { linkedContent[key] = FileContent(digest: "", size: size) }
                file = CopiedFile(relativePath: relativePath, size: size, modificationTime: modificationTime,
                                  digest: "", hardLinkOf: nil)
            case let .hardLink(key, relativePath, firstPath, modificationTime):
                // The first name comes earlier in the order, so its content is known by now.
                let content = linkedContent[key] ?? FileContent(digest: "", size: 0)
                file = CopiedFile(relativePath: relativePath, size: content.size, modificationTime: modificationTime,
                                  digest: content.digest, hardLinkOf: firstPath)
            }
            done += 1
            try visit(file)
        }
    }
}
