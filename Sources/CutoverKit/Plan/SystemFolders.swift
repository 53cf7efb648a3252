/// Folders a plan must never name as a mail root, straggler source or state folder: the snapshot would copy the
/// system, a rename would move it, and the state folder would write its lock and journal into it. Their children
/// stay allowed (`/var/mail` and `/var/vmail` are ordinary mail roots), except under the kernel's own trees.
enum SystemFolders {
    static let exact: Set<String> = ["/", "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
                                     "/boot", "/var", "/run", "/root"]
    static let withChildren = ["/proc", "/sys", "/dev"]

    /// Why `path` (absolute, standardized) cannot be used, or nil when it can.
    static func problem(with path: String) -> String? {
        let kernelTree = withChildren.first { path == $0 || path.hasPrefix($0 + "/") }
        guard exact.contains(path) || kernelTree != nil else { return nil }
        return "'\(path)' is a system folder; name a folder of its own"
    }
}
