import Glibc

extension AppendOnlyLog {
    /// Cuts a last line that a crash left without its newline, so the next append starts a line of its own
    /// instead of gluing a record onto the fragment. Returns whether there was one. A missing file is fine.
    @discardableResult
    public static func dropTornTail(of path: String) throws -> Bool {
        guard let status = try FileStatus.ifExists(path), status.size > 0 else { return false }
        let bytes = try FileReading.bytes(path)
        guard bytes.last != UInt8(ascii: "\n") else { return false }
        let keep = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        guard truncate(path, off_t(keep)) == 0 else { throw SystemError("cut the torn last line of", path) }
        try Durability.syncFile(path)
        return true
    }
}
