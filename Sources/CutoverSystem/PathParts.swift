import Glibc

/// Splitting paths as text, without touching the disk (Foundation's URL would resolve against the working folder).
public enum PathParts {
    /// The folder that holds `path`: "." for a bare name, "/" for an entry of the root.
    public static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let folder = trimmed[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last component of `path`, trailing slashes ignored.
    public static func lastComponent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// A name for a temporary file beside `path`, hidden (leading dot) and recognisable as ours if a crash leaves it.
    static func temporarySibling(of path: String) -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let name = ".\(lastComponent(path)).cutover-tmp.\(getpid()).\(random)"
        let folder = parent(path)
        return folder == "/" ? "/" + name : folder + "/" + name
    }
}
