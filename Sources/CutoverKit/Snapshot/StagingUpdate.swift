import CutoverSystem
import Foundation

/// One update of the staged copy (`Staging`): for each snapshot part, the files it holds copied again, and for
/// each mail tree the difference `TreeSync` found. Computed from metadata only; `apply` carries it out, either as
/// a prestage (the server still running: files may vanish meanwhile) or as the cutover's snapshot (the copy then
/// gets its manifest and becomes `snapshots/<id>`).
public struct StagingUpdate: Sendable {
    public struct Part: Sendable {
        var item: SnapshotContents.Item
        /// nil for a single file, which is simply copied again.
        var sync: TreeSyncPlan?
    }

    var parts: [Part]

    /// "12 copied (3456 bytes), 7 renamed, 2 removed, 9,990 kept; 1,980 folders unchanged, not listed".
    static func describe(_ update: StagingUpdate) -> String {
        let counts = update.parts.compactMap(\.sync?.counts)
        let files = update.parts.count - counts.count
        let sum = { (count: (TreeSyncPlan.Counts) -> Int) in counts.map(count).reduce(0, +) }
        return "\(sum(\.copiedFiles) + files) copied (\(counts.map(\.copiedBytes).reduce(0, +)) bytes), "
            + "\(sum(\.movedFiles)) renamed, \(sum(\.removedFiles)) removed, \(sum(\.keptFiles)) kept; "
            + "\(sum(\.skippedFolders)) folders unchanged, not listed"
    }

    /// Plans the update of `items` (`SnapshotContents.items`) from the staged records. Reads only. `live` while
    /// the services run: what vanishes meanwhile is left out.
    static func plan(_ items: [SnapshotContents.Item], _ context: StepContext, live: Bool) throws -> StagingUpdate {
        let staging = Staging(state: context.state)
        let dirty = try staging.isDirty()
        return StagingUpdate(parts: try items.map { item in
            guard item.isTree else { return Part(item: item, sync: nil) }
            do {
                return Part(item: item, sync: try TreeSync.plan(
                    source: item.original, mirror: staging.folder + "/" + item.name, record: staging.record(item.name),
                    recordMayBeStale: dirty, live: live, stable: item.holdsWholeMessagesOnly))
            } catch let damaged as DamagedMirrorRecord {
                throw StepFailure("\(damaged); remove it and the snapshots/staging folder, then run "
                    + "`cutover prestage` again")
            }
        })
    }

    /// Brings the staged copy up to date. A prestage writes each tree's record for the next update; the cutover's
    /// snapshot (`manifest`) writes every file there as a manifest line instead, since the copy then becomes a
    /// snapshot and no update follows.
    func apply(_ context: StepContext, prestage: Bool, manifest: ManifestWriter? = nil) throws {
        let staging = Staging(state: context.state)
        try context.state.create()
        try Directories.create(context.state.snapshots, ownership: Staging.private700)
        try Directories.create(staging.folder, ownership: Staging.private700)
        try staging.markDirty()
        let counts = parts.compactMap(\.sync?.counts)
        let meter = context.meter(prestage ? "prestage" : "snapshot", files: counts.map(\.totalFiles).reduce(0, +),
                                  bytes: counts.map(\.totalBytes).reduce(0, +))
        defer { meter?.finish() }
        for part in parts {
            let item = part.item
            context.progress("\(prestage ? "prestage" : "snapshot"): updating the staged copy of \(item.original)")
            guard let sync = part.sync else {
                try manifest?.record(try Self.copyFile(item, into: staging.folder))
                continue
            }
            let record = prestage ? try StreamingFile(staging.record(item.name)) : nil
            // Each file's manifest line is kept with it in the record, so the cutover's snapshot only copies it.
            try TreeSync.apply(sync, record: record, tolerateVanished: prestage) { visit in
                // Stopping here is safe: the dirty mark makes the next look check the record against the copy.
                try context.checkpoint()
                switch visit {
                case .kept(let size, let isLink, let line):
                    meter?.advance(bytes: isLink ? 0 : size)
                    try manifest?.record(line: line, size: size, isLink: isLink)
                    return nil
                case .placed(let file):
                    meter?.advance(bytes: file.link == nil ? file.size : 0)
                    let line = ManifestWriter.line(file, in: item.name)
                    try manifest?.record(line: line, size: file.size, isLink: file.link != nil)
                    return line
                }
            }
            try record?.commit(ownership: Staging.private600)
        }
        if prestage { try staging.markClean(parts: parts.map(\.item.part)) }
    }

    /// Copies a single file into its place in the staged copy, replacing the earlier copy.
    private static func copyFile(_ item: SnapshotContents.Item, into folder: String) throws -> ManifestEntry {
        let target = folder + "/" + item.name
        try Directories.create((target as NSString).deletingLastPathComponent, ownership: Staging.private700)
        if try FileStatus.ifExists(target) != nil { try Directories.removeFile(target) }
        let status = try FileStatus.of(item.original)
        let digest = try DurableCopy.copyFile(from: item.original, to: target, ownership: Ownership(of: status))
        return ManifestEntry(path: item.name, size: status.size, mtime: status.modificationTime, digest: digest,
                             link: nil)
    }
}
