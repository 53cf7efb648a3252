import Glibc

/// One difference between a mirror's record and its source, found by `TreeSyncPlanner`. Items come in walk order
/// (`WalkOrder`); where a record line and something new share a path, the record line's item comes first.
enum TreeSyncItem {
    /// Where a file of the source not kept as the record has it gets its content from.
    enum Origin {
        /// Read and copied.
        case copied
        /// The mirror holds it under the path of the `gone` item at this index (a rename).
        case moved(Int)
        /// Another name of the file at `first`, a hard link of its copy.
        case linked(first: String)
        /// Copied or moved: decided once the whole tree was seen (`TreeSyncPlanner.resolveMoves`).
        case undecided
    }

    /// A folder the record lacks (`isNew`), or whose record line changes; `attributesChanged` when its copy must
    /// be given the source's owner, mode or mtime again.
    case folder(MirroredFolder, isNew: Bool, attributesChanged: Bool)
    /// A regular file the record lacks at this path (or holds as something else).
    case file(path: String, status: stat, origin: Origin)
    /// A file the mirror keeps whose record line changes: its owner or mode (given to the copy too), or how many
    /// names its original has.
    case refreshed(path: String, status: stat)
    /// A symbolic link (made afresh on every update).
    case link(path: String, target: String, status: stat)
    /// A record line the source no longer has so: its copy is removed, or renamed for the file that claims it.
    /// `inMirror` is false for a line the mirror turned out not to hold (after an update was cut short).
    case goneFile(MirroredFile, inMirror: Bool)
    case goneFolder(path: String)
    case goneLink(path: String)
    /// Something in the mirror no record line vouches for (left by an update cut short): removed first.
    case stray(path: String, isFolder: Bool)

    var path: String {
        switch self {
        case .folder(let folder, _, _): folder.path
        case .file(let path, _, _), .refreshed(let path, _), .link(let path, _, _), .goneFolder(let path),
             .goneLink(let path), .stray(let path, _): path
        case .goneFile(let file, _): file.path
        }
    }

    /// Whether a record line at this item's path is what the item is about (and is not carried over as it is).
    var replacesRecordLine: Bool {
        switch self {
        case .folder(_, let isNew, _): !isNew
        case .refreshed, .goneFile, .goneFolder, .goneLink: true
        case .file, .link, .stray: false
        }
    }
}
