/// What `TreeSync.apply` will do to bring a mirror up to date with its source: found from the source's metadata
/// and the mirror's record alone, without reading a file. Holds the differences only (memory grows with what
/// changed, not with the store); without a usable record it holds nothing but counts, and `apply` copies the
/// tree whole as it walks it.
public struct TreeSyncPlan: Sendable {
    /// What was asked for, so `apply` can walk again (a whole copy) and read the same record.
    struct Settings: Sendable {
        var source: String
        var mirror: String
        /// The record the plan was made against; nil when there is none (or one of another version).
        var record: String?
        /// The record may not match the mirror (an update was cut short): every line is checked against the
        /// mirror, and no folder is skipped.
        var verifyMirror: Bool
        /// The source may change while it is read (the server is running): entries that vanish are left out.
        var live: Bool
        /// Folders whose files are never rewritten in place (Maildir's `cur/` and `new/`): skipped while their
        /// stamp holds.
        var stable: @Sendable (String) -> Bool
        /// Folders listed, every name looked at, even when their stamp holds: they hold a name of a hard-linked
        /// file that changed.
        var forced: Set<String> = []
    }

    /// The counts a preview shows.
    public struct Counts: Sendable, Equatable {
        /// Files in the source, and their bytes (hard links counted once).
        public var totalFiles = 0
        public var totalBytes: Int64 = 0
        public var copiedFiles = 0
        public var copiedBytes: Int64 = 0
        /// Renamed in the mirror (a Maildir flag change, a move from `new/` to `cur/`).
        public var movedFiles = 0
        /// Already in the mirror at the same path.
        public var keptFiles = 0
        public var removedFiles = 0
        /// Folders that were not listed, because their stamp shows nothing changed there.
        public var skippedFolders = 0
    }

    let settings: Settings
    /// The differences in walk order; nil for a whole copy (no record to compare with).
    let items: [TreeSyncItem]?
    public let counts: Counts
    /// Links and special files in the source, as `TreeCopier` reports them (a skipped folder holds files only).
    public let notable: [NotableEntry]
}

extension TreeSyncItem: @unchecked Sendable {}
