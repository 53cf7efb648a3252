/// A regular file met in the walk whose `visit` call waits for the files before it (and maybe for its content).
enum PendingVisit {
    /// Content being copied or hashed by pipeline job `sequence`; `key` is set when the file has several links,
    /// so its content can be recorded for the repeats that follow.
    case content(sequence: Int, relativePath: String, modificationTime: Double, size: Int64, key: InodeKey?)
    /// Nothing to wait for but the order (a walk without digests).
    case known(relativePath: String, modificationTime: Double, size: Int64, key: InodeKey?)
    /// Another name of a file met earlier in the walk.
    case hardLink(key: InodeKey, relativePath: String, firstPath: String, modificationTime: Double)
}
