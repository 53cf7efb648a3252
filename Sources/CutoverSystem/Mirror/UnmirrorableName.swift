/// A name in a tree that is not UTF-8: `TreeSync` addresses files by path text and cannot name it exactly, so the
/// caller copies the tree whole instead (`TreeCopier` copies such names byte for byte).
public struct UnmirrorableName: Error, CustomStringConvertible {
    public var folder: String

    public var description: String { "a name in \(folder) is not UTF-8; the tree is copied whole" }
}
