import CutoverSystem
import Foundation

/// Step 2: copy the account index, the files the cutover rewrites and every mailbox into
/// `stateDir/snapshots/<id>/`, hard links kept as hard links, with a `manifest.jsonl` of every file.
/// The copy is built under `<id>.partial` and renamed into place only when complete.
public struct SnapshotStep: CutoverStep {
    public let name = StepName.snapshot

    public init() {}

    /// One part of the snapshot, counted as it is now.
    public struct Part: Sendable {
        var item: SnapshotContents.Item
        var files: Int
        var bytes: Int64
        /// Links, FIFOs and devices inside the tree: recorded as what they are, never followed, reported.
        var notable: [NotableEntry] = []
    }

    public func work(_ context: StepContext) throws -> [Part] {
        try SnapshotContents.items(of: context.plan).map { item in
            guard item.isTree else { return Part(item: item, files: 1, bytes: try FileStatus.of(item.original).size) }
            var part = Part(item: item, files: 0, bytes: 0)
            part.notable = try TreeCopier.walk(item.original, computeDigests: false) { file in
                part.files += 1
                part.bytes += file.hardLinkOf == nil ? file.size : 0
            }
            return part
        }
    }

    public func preview(_ parts: [Part]) -> StepPlan {
        StepPlan(step: name, summary: "\(parts.map(\.files).reduce(0, +)) files, "
            + "\(parts.map(\.bytes).reduce(0, +)) bytes to snapshot", actions: parts.flatMap(Self.actions))
    }

    public func apply(_ parts: [Part], _ context: StepContext) throws -> StepPlan {
        let snapshots = context.state.snapshots
        let private700 = Ownership(uid: getuid(), gid: getgid(), mode: 0o700)
        try context.state.create()
        try Directories.create(snapshots, ownership: private700)
        // A partial copy is ours and incomplete by definition: start it again.
        for leftover in try Directories.entries(snapshots) where leftover.hasSuffix(SnapshotFolder.partialSuffix) {
            try FileManager.default.removeItem(atPath: snapshots + "/" + leftover)
        }
        let created = Timestamp.rfc3339Milliseconds(context.effects.clock.now())
        let id = created.filter { $0.isNumber }
        let partial = snapshots + "/" + id + SnapshotFolder.partialSuffix
        try Directories.create(partial, ownership: private700)
        do {
            return try copy(parts, into: partial, id: id, created: created, context)
        } catch let interrupted as Interrupted {
            // Our own half copy, of no use to anyone: the next run starts it again anyway.
            try? FileManager.default.removeItem(atPath: partial)
            throw interrupted
        }
    }

    private func copy(_ parts: [Part], into partial: String, id: String, created: String,
                      _ context: StepContext) throws -> StepPlan {
        let snapshots = context.state.snapshots
        let private700 = Ownership(uid: getuid(), gid: getgid(), mode: 0o700)
        var manifest = ManifestWriter()
        var copied: [Part] = []
        for part in parts {
            let item = part.item
            context.progress("snapshot: copying \(item.original)")
            let target = partial + "/" + item.name
            var done = Part(item: item, files: 0, bytes: 0)
            var folder = partial
            for component in item.name.split(separator: "/").dropLast() {
                folder += "/" + component
                try Directories.create(folder, ownership: private700)
            }
            if item.isTree {
                done.notable = try TreeCopier.copy(from: item.original, to: target) { file in
                    try context.checkpoint()
                    try manifest.record(ManifestEntry(path: item.name + "/" + file.relativePath, size: file.size,
                                                      mtime: file.modificationTime, digest: file.digest,
                                                      link: file.hardLinkOf.map { item.name + "/" + $0 }))
                    done.files += 1
                    done.bytes += file.hardLinkOf == nil ? file.size : 0
                }
            } else {
                let status = try FileStatus.of(item.original)
                let digest = try DurableCopy.copyFile(from: item.original, to: target, ownership: Ownership(of: status))
                try manifest.record(ManifestEntry(path: item.name, size: status.size, mtime: status.modificationTime,
                                                  digest: digest, link: nil))
                done.files = 1
                done.bytes = status.size
            }
            copied.append(done)
        }
        try AtomicFile.write(manifest.text, to: partial + "/manifest.jsonl")
        let metadata = SnapshotMetadata(id: id, created: created, plan: context.plan.file, parts: parts.map(\.item.part),
                                        files: manifest.files, bytes: manifest.bytes)
        try AtomicFile.write(Array(try ManifestWriter.encoder.encode(metadata)), to: partial + "/snapshot.json")
        try Directories.rename(partial, to: snapshots + "/" + id)
        return StepPlan(step: name, summary: "\(manifest.files) files, \(manifest.bytes) bytes in snapshots/\(id)",
                        actions: copied.flatMap(Self.actions))
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

    private static func actions(_ part: Part) -> [PlannedAction] {
        [PlannedAction(.copy, part.item.original, "\(part.files) files, \(part.bytes) bytes")]
            + part.notable.map { PlannedAction(.warning, part.item.original + "/" + $0.relativePath, $0.what) }
    }
}

/// The lines of `manifest.jsonl`, with the totals the snapshot's metadata records.
struct ManifestWriter {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private(set) var text = ""
    private(set) var files = 0
    private(set) var bytes: Int64 = 0
    private let encoder = ManifestWriter.encoder

    mutating func record(_ entry: ManifestEntry) throws {
        text += String(decoding: try encoder.encode(entry), as: UTF8.self) + "\n"
        files += 1
        bytes += entry.link == nil ? entry.size : 0
    }
}
