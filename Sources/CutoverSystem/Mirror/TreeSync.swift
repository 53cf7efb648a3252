import Glibc

/// Keeps a mirror of a mail tree up to date by the difference, the way `rsync` does but knowing Maildir: a file
/// whose original kept its inode, size and mtime is kept (also under a new name, which is how a flag change or a
/// move from `new/` to `cur/` looks), anything else is copied and hashed again, and what the source no longer has
/// is removed. The mirror then matches what `TreeCopier.copy` would have made: same files, folders, links, hard
/// links, owners, modes and times.
///
/// What the mirror holds is kept in a record (`MirrorRecordLine`), written by each update and read, front to
/// back, by the next: memory grows with what changed, not with the store. The record also stamps every folder as
/// it was listed. A folder whose files are never rewritten in place (`stable`: Maildir's `cur/` and `new/`, where
/// delivery, a flag change or an expunge is a rename that moves the folder's mtime) is not listed again while its
/// stamp holds, nor is a folder that was empty; everything else is compared file by file every time.
public enum TreeSync {
    /// Compares the source with the record at `record` (none, or one of another version: the mirror is made
    /// afresh). With `recordMayBeStale` (an update was cut short), each line is checked against the mirror first
    /// and no folder is skipped. With `live`, the source may change meanwhile: entries that vanish are left out.
    /// Reads no file's content and changes nothing.
    public static func plan(source: String, mirror: String, record: String, recordMayBeStale: Bool, live: Bool,
                            stable: @escaping @Sendable (String) -> Bool) throws -> TreeSyncPlan {
        let usable = try FileStatus.ifExists(mirror) != nil && (try MirrorRecordReader(record)) != nil
        var settings = TreeSyncPlan.Settings(source: source, mirror: mirror, record: usable ? record : nil,
                                             verifyMirror: recordMayBeStale, live: live, stable: stable)
        guard usable else {
            let walk = try TreeSyncPlanner(settings, sink: { _ in })
            try walk.run()
            return TreeSyncPlan(settings: settings, items: nil, counts: walk.counts, notable: walk.notable)
        }
        while true {
            let walk = try TreeSyncPlanner(settings)
            try walk.run()
            // A hard-linked file with a name new or gone: its names in skipped folders are looked at too.
            let more = try walk.foldersToList()
            guard more.isSubset(of: settings.forced) else {
                settings.forced.formUnion(more)
                continue
            }
            walk.resolveMoves()
            return TreeSyncPlan(settings: settings, items: walk.items, counts: walk.counts, notable: walk.notable)
        }
    }

    /// Brings the mirror to what `plan` found in the source, calls `visit` for every file in walk order
    /// (`TreeCopier`'s order), and writes the new record, with the notes `visit` returns, to `record` (which the
    /// caller commits).
    /// Everything in the mirror is on disk when it returns. With `tolerateVanished` a source file gone since the
    /// plan (mail read or moved while the server runs) is left out instead of failing: the next update finds it
    /// wherever it went.
    ///
    /// After a crash part way the mirror is between its old and new state, and the old record (or the new one, if
    /// it was committed) is still in place: the next plan, told so, checks it against the mirror.
    public static func apply(_ plan: TreeSyncPlan, record: StreamingFile?, tolerateVanished: Bool,
                             visit: @escaping (MirrorVisit) throws -> [UInt8]?) throws {
        let run = try TreeSyncRun(plan: plan, mirror: plan.settings.mirror, output: record,
                                  tolerateVanished: tolerateVanished, visit: visit)
        if let record { try record.append(line: MirrorRecordLine.header) }
        try run.run()
    }

    /// Where files being renamed wait between leaving their old name and taking their new one.
    static func movingArea(of mirror: String) -> String { mirror + ".cutover-moving" }
}

extension InodeKey {
    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}
