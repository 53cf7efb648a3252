/// The order every walk here visits a tree in (depth first, each folder's entries in byte order of their names),
/// as an order on relative paths: byte order with "/" below every other byte, so a folder's contents come right
/// after it and before any name it is a prefix of ("a", "a/z", "a-b").
enum WalkOrder {
    /// Whether `path` comes before `other`.
    static func precedes(_ path: some Collection<UInt8>, _ other: some Collection<UInt8>) -> Bool {
        for (left, right) in zip(path, other) where left != right {
            return rank(left) < rank(right)
        }
        return path.count < other.count
    }

    /// Whether `path` is below `folder` ("" is the root, above everything else).
    static func isBelow(_ path: some Collection<UInt8>, _ folder: some Collection<UInt8>) -> Bool {
        guard !folder.isEmpty else { return !path.isEmpty }
        guard path.count > folder.count, path.starts(with: folder) else { return false }
        return path[path.index(path.startIndex, offsetBy: folder.count)] == slash
    }

    private static let slash = UInt8(ascii: "/")

    private static func rank(_ byte: UInt8) -> UInt8 { byte == slash ? 0 : byte }
}
