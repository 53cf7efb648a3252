import Glibc

/// Creating, listing, renaming and removing, each made durable before it returns.
public enum Directories {
    /// Creates the folder `path` (its parent must exist) with `ownership`, and fsyncs the parent. A folder already
    /// there is fine and left exactly as it is (owner and mode untouched); a file there is an error.
    public static func create(_ path: String, ownership: Ownership) throws {
        // Created private, then opened up: never visible with the wrong owner or too broad a mode.
        guard mkdir(path, 0o700) == 0 else {
            guard errno == EEXIST else { throw SystemError("create the folder", path) }
            var info = stat()
            guard stat(path, &info) == 0 else { throw SystemError("create the folder", path) }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw SystemError("create the folder", path, errno: EEXIST) }
            return
        }
        do {
            let fd = try Syscall.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, operation: "create the folder")
            defer { Syscall.closeQuietly(fd) }
            try ownership.apply(to: fd, path: path)
        } catch {
            rmdir(path)
            throw error
        }
        try Durability.syncDirectory(PathParts.parent(path))
    }

    /// The names in the folder `path`, without "." and "..", sorted in byte order of their UTF-8.
    public static func entries(_ path: String) throws -> [String] {
        try DirectoryListing.read(path: path).map(\.text)
    }

    /// The regular files in the folder `path` with their status (lstat's), sorted as `entries` sorts them; names
    /// starting with "." left out. Nothing when `path` is no folder: missing, a file, or a symbolic link (not
    /// followed). Each file is inspected through the open folder (fstatat), not by its full path: a mail folder's
    /// messages are listed by the tens of thousands. A name gone between the listing and its inspection (a
    /// message renamed or removed meanwhile) is returned in `vanished`, and `changed` says the folder's
    /// modification time moved while it was listed: either way the listing may lack a file the folder holds.
    public static func visibleFiles(in path: String) throws
        -> (files: [(name: String, status: FileStatus)], vanished: [String], changed: Bool) {
        let folder: OpenDirectory
        do {
            folder = try OpenDirectory(in: AT_FDCWD, name: Array(path.utf8CString), path: path)
        } catch let error as SystemError where [ENOENT, ENOTDIR, ELOOP].contains(error.errno) {
            return ([], [], false)
        }
        defer { folder.close() }
        var files: [(name: String, status: FileStatus)] = []
        var vanished: [String] = []
        for entry in try folder.entries(path: path) where entry.cName.first != CChar(UInt8(ascii: ".")) {
            var info = stat()
            guard fstatat(folder.fd, entry.cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                let failure = errno
                guard failure == ENOENT else { throw SystemError("inspect", path + "/" + entry.text, errno: failure) }
                vanished.append(entry.text)
                continue
            }
            if info.st_mode & S_IFMT == S_IFREG { files.append((entry.text, FileStatus(info))) }
        }
        let after = FileStatus(try Syscall.fstat(folder.fd, path: path))
        return (files, vanished, after.modificationTime != FileStatus(folder.status).modificationTime)
    }

    /// The names in the folder `path` that are symbolic links, sorted as `entries` sorts them. Read from the listing
    /// itself where the file system says (no look at each entry: a mail root holds thousands of account folders).
    public static func symbolicLinks(in path: String) throws -> [String] {
        try DirectoryListing.read(path: path).filter { entry in
            guard entry.type == DirectoryEntry.unknown else { return entry.type == DirectoryEntry.symlink }
            return try FileStatus.of(path + "/" + entry.text).kind == .symlink
        }.map(\.text)
    }

    /// rename(2) of a file or folder, then fsync of both parent folders. Fails (EEXIST) if `to` exists, instead of
    /// replacing it: renameat2 with RENAME_NOREPLACE, or a check just before when the file system lacks it.
    public static func rename(_ from: String, to: String) throws {
        try NoReplaceRename.rename(from, to: to)
        let source = PathParts.parent(from), target = PathParts.parent(to)
        try Durability.syncDirectory(target)
        if source != target { try Durability.syncDirectory(source) }
    }

    /// unlink(2) of a file, then fsync of its folder.
    /// Removes `path`; with `durable`, the removal is on disk when this returns.
    public static func removeFile(_ path: String, durable: Bool = true) throws {
        guard unlink(path) == 0 else { throw SystemError("remove", path) }
        if durable { try Durability.syncDirectory(PathParts.parent(path)) }
    }
}
