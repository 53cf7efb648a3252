/// One regular file that `TreeCopier` copied or walked over.
public struct CopiedFile: Sendable, Equatable {
    /// Relative to the tree's root, "/"-separated, no leading "./" (bytes that are not UTF-8 become U+FFFD).
    public var relativePath: String
    public var size: Int64
    /// The source's modification time, seconds since 1970 with the nanoseconds as fraction.
    public var modificationTime: Double
    /// SHA-256 hex of the content, computed in the same read pass as the copy ("" from a walk without digests).
    public var digest: String
    /// `relativePath` of the first path in the tree with the same (device, inode), else nil.
    public var hardLinkOf: String?

    public init(relativePath: String, size: Int64, modificationTime: Double, digest: String, hardLinkOf: String?) {
        self.relativePath = relativePath
        self.size = size
        self.modificationTime = modificationTime
        self.digest = digest
        self.hardLinkOf = hardLinkOf
    }
}
