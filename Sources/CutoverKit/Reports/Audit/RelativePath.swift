/// Paths as the plan spells them: relative to the plan's folder.
enum RelativePath {
    /// `path` relative to `folder` (both absolute): "mail/x", "../Fixtures/mail/x", or "." for the folder itself.
    static func of(_ path: String, from folder: String) -> String {
        guard path.hasPrefix("/"), folder.hasPrefix("/") else { return path }
        let target = path.split(separator: "/")
        let base = folder.split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
