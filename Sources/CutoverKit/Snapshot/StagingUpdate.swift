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

    /// "12 copied (3456 bytes), 7 renamed, 2 removed, 9,990 kept".
    static func describe(_ update: StagingUpdate) -> String {
        let syncs = update.parts.compactMap(\.sync)
        let files = update.parts.count - syncs.count
        return "\(syncs.map(\.copiedFiles).reduce(files, +)) copied "
            + "(\(syncs.map(\.copiedBytes).reduce(0, +)) bytes), \(syncs.map(\.movedFiles).reduce(0, +)) renamed, "
            + "\(syncs.map(\.removedFiles).reduce(0, +)) removed, \(syncs.map(\.keptFiles).reduce(0, +)) kept"
    }

    /// Plans the update from the staged records (made true first when an update was cut short). Reads only.
    static func plan(_ context: StepContext) throws -> StagingUpdate {
        let staging = Staging(state: context.state)
        return StagingUpdate(parts: try SnapshotContents.items(of: context.plan).map { item in
            guard item.isTree else { return Part(item: item, sync: nil) }
            return Part(item: item, sync: try TreeSync.plan(source: item.original,
                                                            previous: try staging.mirrorState(item.name)))
        })
    }

    /// Brings the staged copy up to date; with `manifest`, every file is also written there as a manifest line.
    func apply(_ context: StepContext, prestage: Bool, manifest: ManifestWriter? = nil) throws {
        let staging = Staging(state: context.state)
        try context.state.create()
        try Directories.create(context.state.snapshots, ownership: Staging.private700)
        try Directories.create(staging.folder, ownership: Staging.private700)
        try staging.markDirty()
        let meter = context.meter(prestage ? "prestage" : "snapshot", files: parts.compactMap(\.sync?.totalFiles).reduce(0, +),
                                  bytes: parts.compactMap(\.sync?.totalBytes).reduce(0, +))
        defer { meter?.finish() }
        for part in parts {
            let item = part.item
            context.progress("\(prestage ? "prestage" : "snapshot"): updating the staged copy of \(item.original)")
            guard let sync = part.sync else {
                try manifest?.record(try Self.copyFile(item, into: staging.folder))
                continue
            }
            let record = try StreamingFile(staging.record(item.name))
            try TreeSync.apply(sync, to: staging.folder + "/" + item.name, tolerateVanished: prestage) { file in
                // Stopping here is safe: the dirty mark makes the next look trust only what the record confirms.
                try context.checkpoint()
                meter?.advance(bytes: file.size)
                try record.append(line: StagingLine.file(file))
                try manifest?.record(file, in: item.name)
            }
            for folder in sync.folders { try record.append(line: StagingLine.folder(folder)) }
            for link in sync.links { try record.append(line: StagingLine.link(link)) }
            try record.commit(ownership: Staging.private600)
        }
        try staging.markClean(parts: parts.map(\.item.part))
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
