import Glibc

/// What `TreeSync.apply` will do to bring a mirror up to date with its source: computed from the source's
/// metadata and the mirror's record alone, without reading a file.
public struct TreeSyncPlan: @unchecked Sendable {
    /// Where each file of the source gets its content from.
    enum Origin {
        /// The mirror already holds it at this path: `previous.files[index]`.
        case kept(Int)
        /// The mirror holds it under another name (a rename): `previous.files[index]`.
        case moved(Int)
        /// Read and copied.
        case copied
        /// Another name of the file at `first`, a hard link of its copy; `kept` when the mirror already has it so.
        case linked(first: String, kept: Int?)
    }

    struct File {
        var path: String
        var status: stat
        var origin: Origin
    }

    let source: String
    let previous: MirrorState
    let scan: TreeScan
    let files: [File]
    /// `previous.files` indices neither kept nor moved: removed from the mirror.
    let removed: [Int]

    /// Files in the source, and their bytes (hard links counted once).
    public var totalFiles: Int { files.count }
    public var totalBytes: Int64 { files.reduce(0) { $1.isLink ? $0 : $0 + Int64($1.status.st_size) } }
    public var copiedFiles: Int { files.count(where: { if case .copied = $0.origin { true } else { false } }) }
    public var copiedBytes: Int64 {
        files.reduce(0) { if case .copied = $1.origin { $0 + Int64($1.status.st_size) } else { $0 } }
    }
    public var movedFiles: Int { files.count(where: { if case .moved = $0.origin { true } else { false } }) }
    public var keptFiles: Int { files.count(where: { if case .kept = $0.origin { true } else { false } }) }
    public var removedFiles: Int { removed.count }
    /// The folders below the root (parents first) and the symbolic links the mirror holds after `apply`.
    public var folders: [String] { scan.folders.dropFirst().map(\.path) }
    public var links: [String] { scan.links.map(\.entry.path) }
    /// Links and special files in the source, as `TreeCopier` reports them.
    public var notable: [NotableEntry] { scan.notable }
}

extension TreeSyncPlan.File {
    var isLink: Bool { if case .linked = origin { true } else { false } }
}
