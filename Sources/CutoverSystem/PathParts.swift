import Glibc

/// Splitting paths as text, without touching the disk (Foundation's URL would resolve against the working folder).
public enum PathParts {
    /// The folder that holds `path`: "." for a bare name, "/" for an entry of the root.
    public static func parent(_ path: String) -> String {
        let end = endIgnoringTrailingSlashes(path)
        guard let slash = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`, trailing slashes ignored.
    public static func lastComponent(_ path: String) -> String {
        let end = endIgnoringTrailingSlashes(path)
        guard let slash = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) else { return String(path[..<end]) }
        return String(path[path.utf8.index(after: slash)..<end])
    }

    /// Where `path` ends without its trailing slashes ("/" keeps its one). Bytes, not characters: called for every
    /// message of a store, it must not walk the string's grapheme clusters.
    private static func endIgnoringTrailingSlashes(_ path: String) -> String.Index {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8.index(before: end) > utf8.startIndex,
              utf8[utf8.index(before: end)] == UInt8(ascii: "/") {
            end = utf8.index(before: end)
        }
        return end
    }

    /// A name for a temporary file beside `path`, hidden (leading dot) and recognisable as ours if a crash leaves it.
    static func temporarySibling(of path: String) -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let name = ".\(lastComponent(path)).cutover-tmp.\(getpid()).\(random)"
        let folder = parent(path)
        return folder == "/" ? "/" + name : folder + "/" + name
    }
}
