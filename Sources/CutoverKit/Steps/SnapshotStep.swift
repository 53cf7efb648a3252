import CutoverSystem
import Foundation

/// Step 2: copy the account index, the files the cutover rewrites and every mailbox into
/// `stateDir/snapshots/<id>/`, hard links kept as hard links, with a `manifest.jsonl` of every file.
/// The copy is built under `<id>.partial` and renamed into place only when complete. After a `prestage`, the
/// staged copy is brought up to date instead (only what changed since is copied) and renamed into place.
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

    /// A full copy, or the update of the staged copy; `note` says why a staged copy is not used.
    public struct Work: Sendable {
        var parts: [Part]
        var staged: StagingUpdate?
        var note: String?
    }

    public func work(_ context: StepContext) throws -> Work {
        let wanted = try SnapshotContents.items(of: context.plan)
        switch try Staging(state: context.state).stagedParts() {
        case nil:
            return Work(parts: try count(wanted), staged: nil, note: nil)
        case .some where wanted.contains(where: \.isLinked):
            return Work(parts: try count(wanted), staged: nil,
                        note: "account folders link into `mailboxes.linkedRoots`, which the staged copy does not follow; "
                            + "copying in full")
        case let staged? where staged != wanted.map(\.part):
            return Work(parts: try count(wanted), staged: nil,
                        note: "the staged copy was made for other files than this plan snapshots; copying in full")
        default:
            do {
                let update = try StagingUpdate.plan(wanted, context, live: false)
                return Work(parts: update.parts.map(Self.part), staged: update, note: nil)
            } catch let name as UnmirrorableName {
                return Work(parts: try count(wanted), staged: nil, note: name.description)
            }
        }
    }

    private func count(_ items: [SnapshotContents.Item]) throws -> [Part] {
        try items.map { item in
            guard item.isTree else { return Part(item: item, files: 1, bytes: try FileStatus.of(item.original).size) }
            var part = Part(item: item, files: 0, bytes: 0)
            part.notable = try TreeCopier.walk(item.original, computeDigests: false) { file in
                part.files += 1
                part.bytes += file.hardLinkOf == nil ? file.size : 0
            }
            return part
        }
    }

    public func preview(_ work: Work) -> StepPlan {
        let parts = work.parts
        var plan = StepPlan(step: name, summary: "\(parts.map(\.files).reduce(0, +)) files, "
            + "\(parts.map(\.bytes).reduce(0, +)) bytes to snapshot", actions: parts.flatMap(Self.actions))
        if let note = work.note { plan.actions.append(PlannedAction(.note, "staged copy", note)) }
        if let staged = work.staged {
            plan.summary += " (from the staged copy: " + StagingUpdate.describe(staged) + ")"
        }
        return plan
    }

    public func apply(_ work: Work, _ context: StepContext) throws -> StepPlan {
        if let staged = work.staged { return try applyStaged(staged, work, context) }
        let snapshots = context.state.snapshots
        let private700 = Ownership.ofThisProcess(mode: 0o700)
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
            return try copy(work, into: partial, id: id, created: created, context)
        } catch let interrupted as Interrupted {
            // Our own half copy, of no use to anyone: the next run starts it again anyway.
            try? FileManager.default.removeItem(atPath: partial)
            throw interrupted
        }
    }

    private func copy(_ work: Work, into partial: String, id: String, created: String,
                      _ context: StepContext) throws -> StepPlan {
        let private700 = Ownership.ofThisProcess(mode: 0o700)
        let manifest = try ManifestWriter(partial + "/manifest.jsonl")
        let meter = context.meter("snapshot", files: work.parts.map(\.files).reduce(0, +),
                                  bytes: work.parts.map(\.bytes).reduce(0, +))
        defer { meter?.finish() }
        var copied: [Part] = []
        for part in work.parts {
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
                    meter?.advance(bytes: file.hardLinkOf == nil ? file.size : 0)
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
        try manifest.commit()
        let metadata = SnapshotMetadata(id: id, created: created, plan: context.plan.file,
                                        parts: work.parts.map(\.item.part), files: manifest.files, bytes: manifest.bytes)
        try AtomicFile.write(Array(try ManifestWriter.encoder.encode(metadata)), to: partial + "/snapshot.json")
        try Directories.rename(partial, to: context.state.snapshots + "/" + id)
        var done = preview(work)
        done.summary = "\(manifest.files) files, \(manifest.bytes) bytes in snapshots/\(id)"
        done.actions = copied.flatMap(Self.actions) + done.actions.filter { $0.kind == .note }
        return done
    }

    /// Brings the staged copy up to date, writes its manifest and metadata, and renames it into place.
    private func applyStaged(_ update: StagingUpdate, _ work: Work, _ context: StepContext) throws -> StepPlan {
        let staging = Staging(state: context.state)
        let created = Timestamp.rfc3339Milliseconds(context.effects.clock.now())
        let id = created.filter { $0.isNumber }
        try Directories.create(staging.folder, ownership: Staging.private700)
        let manifest = try ManifestWriter(staging.folder + "/manifest.jsonl")
        try update.apply(context, prestage: false, manifest: manifest)
        try manifest.commit()
        let parts = update.parts.map(\.item.part)
        let metadata = SnapshotMetadata(id: id, created: created, plan: context.plan.file, parts: parts,
                                        files: manifest.files, bytes: manifest.bytes)
        try AtomicFile.write(Array(try ManifestWriter.encoder.encode(metadata)), to: staging.folder + "/snapshot.json")
        try Directories.rename(staging.folder, to: context.state.snapshots + "/" + id)
        try staging.forget(parts: parts)
        var done = preview(work)
        done.summary = "\(manifest.files) files, \(manifest.bytes) bytes in snapshots/\(id) "
            + "(from the staged copy: " + StagingUpdate.describe(update) + ")"
        return done
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

    private static func part(_ part: StagingUpdate.Part) -> Part {
        Part(item: part.item, files: part.sync?.counts.totalFiles ?? 1,
             bytes: part.sync?.counts.totalBytes ?? ((try? FileStatus.of(part.item.original).size) ?? 0))
    }

    private static func actions(_ part: Part) -> [PlannedAction] {
        [PlannedAction(.copy, part.item.original, "\(part.files) files, \(part.bytes) bytes")]
            + part.notable.map { PlannedAction(.warning, part.item.original + "/" + $0.relativePath, $0.what) }
    }
}
