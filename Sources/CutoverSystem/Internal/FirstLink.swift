/// The first path a multiply-linked file was met at in a tree.
struct FirstLink {
    /// Relative to the root, NUL-terminated, exactly as on disk (for linkat).
    var cPath: [CChar]
    var relativePath: String
}
