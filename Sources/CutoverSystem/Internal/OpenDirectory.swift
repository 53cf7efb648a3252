import Glibc

/// A folder open for listing and for *at(2) calls on its entries, with its status.
struct OpenDirectory {
    let stream: OpaquePointer
    let status: stat
    var fd: Int32 { dirfd(stream) }

    /// Opens the folder at `path`; a symbolic link there is followed (a tree's root may be a link to a folder).
    init(path: String) throws {
        try self.init(fd: Syscall.open(path, O_RDONLY | O_DIRECTORY, operation: "read the folder"), path: path)
    }

    /// Opens the folder `name` inside `parent`, refusing a symbolic link there.
    init(in parent: Int32, name: [CChar], path: @autoclosure () -> String) throws {
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("read the folder", path()) }
        try self.init(fd: fd, path: path())
    }

    private init(fd: Int32, path: @autoclosure () -> String) throws {
        do {
            status = try Syscall.fstat(fd, path: path())
        } catch {
            Syscall.closeQuietly(fd)
            throw error
        }
        // fdopendir takes the descriptor over: closedir closes it.
        guard let stream = fdopendir(fd) else {
            let error = SystemError("read the folder", path())
            Syscall.closeQuietly(fd)
            throw error
        }
        self.stream = stream
    }

    func entries(path: @autoclosure () -> String) throws -> [DirectoryEntry] {
        try DirectoryListing.read(stream, path: path())
    }

    func close() {
        closedir(stream)
    }

    /// lstat of the entry `name`, for file systems whose readdir gives no type and for symbolic links.
    func statusOf(_ name: [CChar], path: @autoclosure () -> String) throws -> stat {
        var info = stat()
        guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw SystemError("inspect", path()) }
        return info
    }
}
