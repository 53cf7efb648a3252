/// Paths as the plan spells them: relative to the plan's folder.
enum RelativePath {
    /// `path` relative to `folder` (both absolute): "mail/x", "../Fixtures/mail/x", or "." for the folder itself.
    /// A path that shares nothing but `/` with the folder (`/srv/mail` for a plan in `/etc/cutover`) stays absolute.
    static func of(_ path: String, from folder: String) -> String {
        guard path.hasPrefix("/"), folder.hasPrefix("/") else { return path }
        let target = path.split(separator: "/")
        let base = folder.split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        if common == 0 { return path }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
