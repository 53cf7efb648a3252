import Glibc

/// Following symbolic links by hand, so a dangling link still yields the path it names.
enum SymbolicLinks {
    /// The path reached by following `path` while it is a symbolic link (relative targets are resolved against the
    /// link's folder). The result may not exist yet. Throws ELOOP after 40 links, as the kernel does.
    static func finalTarget(of path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            guard let status = try FileStatus.ifExists(current), status.kind == .symlink else { return current }
            let target = try read(current)
            current = target.hasPrefix("/") ? target : PathParts.parent(current) + "/" + target
        }
        throw SystemError("follow the links of", path, errno: ELOOP)
    }

    /// The target text of the symbolic link at `path`.
    static func read(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw SystemError("read the link", path) }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
