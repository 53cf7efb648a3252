import CutoverSystem
import Foundation

/// Step 2: copy the account index, the files the cutover rewrites and every mailbox into
/// `stateDir/snapshots/<id>/`, hard links kept as hard links, with a `manifest.jsonl` of every file.
/// The copy is built under `<id>.partial` and renamed into place only when complete.
public struct SnapshotStep: CutoverStep {
    public let name = StepName.snapshot

    public init() {}

    public func preview(_ context: StepContext) throws -> StepPlan {
        if try verify(context).holds, let existing = try context.state.latestSnapshot() {
            return StepPlan(step: name, summary: "snapshot already taken", actions: [.init(.keep, existing.path)])
        }
        var files = 0
        var bytes: Int64 = 0
        var actions: [PlannedAction] = []
        for item in try SnapshotContents.items(of: context.plan) {
            var itemFiles = 0
            var itemBytes: Int64 = 0
            if item.isTree {
                try TreeCopier.walk(item.original, computeDigests: false) { file in
                    itemFiles += 1
                    itemBytes += file.hardLinkOf == nil ? file.size : 0
                }
            } else {
                itemFiles = 1
                itemBytes = try FileStatus.of(item.original).size
            }
            files += itemFiles
            bytes += itemBytes
            actions.append(PlannedAction(.copy, item.original, "\(itemFiles) files, \(itemBytes) bytes"))
        }
        return StepPlan(step: name, summary: "\(files) files, \(bytes) bytes to snapshot into \(context.state.snapshots)",
                        actions: actions)
    }

    public func apply(_ context: StepContext) throws -> StepPlan {
        let snapshots = context.state.snapshots
        try context.state.create()
        try Directories.create(snapshots, ownership: Ownership(uid: getuid(), gid: getgid(), mode: 0o700))
        // A partial copy is ours and incomplete by definition: start it again.
        for leftover in try Directories.entries(snapshots) where leftover.hasSuffix(SnapshotFolder.partialSuffix) {
            try FileManager.default.removeItem(atPath: snapshots + "/" + leftover)
        }
        let created = Timestamp.rfc3339Milliseconds(context.effects.clock.now())
        let id = created.filter { $0.isNumber }
        let partial = snapshots + "/" + id + SnapshotFolder.partialSuffix
        try Directories.create(partial, ownership: Ownership(uid: getuid(), gid: getgid(), mode: 0o700))
        var manifest: [String] = []
        var bytes: Int64 = 0
        var actions: [PlannedAction] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func record(_ entry: ManifestEntry) throws {
            manifest.append(String(decoding: try encoder.encode(entry), as: UTF8.self))
            bytes += entry.link == nil ? entry.size : 0
        }
        let items = try SnapshotContents.items(of: context.plan)
        for item in items {
            context.progress("snapshot: copying \(item.original)")
            let target = partial + "/" + item.name
            let before = manifest.count
            if item.isTree {
                try TreeCopier.copy(from: item.original, to: target) { file in
                    try record(ManifestEntry(path: item.name + "/" + file.relativePath, size: file.size,
                                             mtime: file.modificationTime, digest: file.digest,
                                             link: file.hardLinkOf.map { item.name + "/" + $0 }))
                }
            } else {
                let folder = (target as NSString).deletingLastPathComponent
                try Directories.create(folder, ownership: Ownership(uid: getuid(), gid: getgid(), mode: 0o700))
                let status = try FileStatus.of(item.original)
                let digest = try DurableCopy.copyFile(from: item.original, to: target, ownership: Ownership(of: status))
                try record(ManifestEntry(path: item.name, size: status.size, mtime: status.modificationTime,
                                         digest: digest, link: nil))
            }
            actions.append(PlannedAction(.copy, item.original, "\(manifest.count - before) files"))
        }
        try AtomicFile.write(manifest.map { $0 + "\n" }.joined(), to: partial + "/manifest.jsonl")
        let metadata = SnapshotMetadata(id: id, created: created, plan: context.plan.file, parts: items.map(\.part),
                                        files: manifest.count, bytes: bytes)
        try AtomicFile.write(Array(try encoder.encode(metadata)), to: partial + "/snapshot.json")
        try Directories.rename(partial, to: snapshots + "/" + id)
        return StepPlan(step: name, summary: "\(manifest.count) files, \(bytes) bytes in snapshots/\(id)",
                        actions: actions)
    }

    /// Holds when the newest snapshot covers exactly what this plan needs copied: a snapshot taken for another
    /// set of files (a plan that has since gained a straggler source, say) would make the later steps compare
    /// against the wrong thing.
    public func verify(_ context: StepContext) throws -> Verification {
        guard let snapshot = try context.state.latestSnapshot() else {
            return .pending("no complete snapshot in \(context.state.snapshots)")
        }
        let wanted = try SnapshotContents.items(of: context.plan).map(\.part)
        guard try snapshot.readMetadata().parts == wanted else {
            return .pending("the snapshot \(snapshot.path) does not cover what this plan changes")
        }
        return .holds
    }
}
