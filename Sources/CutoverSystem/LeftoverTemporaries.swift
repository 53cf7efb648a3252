import Glibc

/// Temporary files a killed run left behind. Every temporary file this tool writes is named
/// `.<name>.cutover-tmp.<pid>.<hex>` beside its target; under the state folder's lock no other run can be
/// writing one, so any that is not this process's is a leftover.
public enum LeftoverTemporaries {
    /// Removes the leftovers directly inside `folder`; returns their paths. A missing folder has none.
    @discardableResult
    public static func remove(in folder: String) throws -> [String] {
        guard try FileStatus.ifExists(folder)?.kind == .directory else { return [] }
        var removed: [String] = []
        for name in try Directories.entries(folder) where isLeftover(name) {
            let path = folder + "/" + name
            guard unlink(path) == 0 || errno == ENOENT else { throw SystemError("remove", path) }
            removed.append(path)
        }
        return removed
    }

    /// `.passwd.cutover-tmp.4242.9f3a…` from another process than this one.
    static func isLeftover(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".cutover-tmp.") else { return false }
        let tail = name[marker.upperBound...].split(separator: ".", omittingEmptySubsequences: false)
        guard tail.count == 2, let pid = Int32(tail[0]), !tail[1].isEmpty,
              tail[1].allSatisfy(\.isHexDigit) else { return false }
        return pid != getpid()
    }
}
