/// The snapshot's copier: whole mail trees, attributes and hard links kept, each file hashed while it is copied.
public enum TreeCopier {
    /// Copy the tree at `source` to `destination` (which must not exist; created with the source's mode, owner and
    /// times). Folders, regular files and symbolic links (copied as links, never followed) keep mode, uid/gid and
    /// access/modification times (set after the content). Files with the same (device, inode) inside the tree are
    /// recreated as hard links of one another. Everything created is on disk when the call returns (one syncfs(2)
    /// of the destination's file system, then an fsync of the destination's parent folder).
    ///
    /// Calls `visit` once per regular file, after it is copied (hard-link repeats too, with `hardLinkOf` set and
    /// the original's digest), depth-first with each folder's entries in byte order of their names. A throwing
    /// `visit` stops the copy. Sockets, fifos and devices are skipped; they and the symbolic links are returned.
    /// On failure the partial destination is left in place for the caller to remove.
    /// The source itself may be a symbolic link to a folder; everything below it is copied as it is.
    @discardableResult
    public static func copy(from source: String, to destination: String,
                            visit: (CopiedFile) throws -> Void) throws -> [NotableEntry] {
        let copy = TreeCopy(source: source, destination: destination, computeDigests: true)
        try copy.run(visit)
        return copy.notable
    }

    /// Walk without copying (for dry-run sizes and for verification): the same order and the same `CopiedFile`
    /// values as `copy`, with the same hard-link detection. Without `computeDigests` files are not read, and
    /// `digest` is "". Returns the same links and special files as `copy`.
    @discardableResult
    public static func walk(_ root: String, computeDigests: Bool,
                            visit: (CopiedFile) throws -> Void) throws -> [NotableEntry] {
        let walk = TreeCopy(source: root, destination: nil, computeDigests: computeDigests)
        try walk.run(visit)
        return walk.notable
    }
}
