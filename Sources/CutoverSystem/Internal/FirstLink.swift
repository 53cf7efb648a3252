/// The first path a multiply-linked file was met at in a tree, and what it held then.
struct FirstLink {
    /// Relative to the root, NUL-terminated, exactly as on disk (for linkat).
    var cPath: [CChar]
    var relativePath: String
    var size: Int64
    var digest: String
}
