import CutoverSystem
import Foundation

/// The staged copy `cutover prestage` keeps in `snapshots/staging/` while the services still run, laid out as a
/// snapshot (`index/`, `mailboxes/`, ...), and its record: per mail tree, `staging-<part>.jsonl` in the state
/// folder (each file with its original's inode, so a later update recognises renames), and `staging.json` (the
/// parts, like `snapshot.json`). `staging-dirty` exists while an update is under way: the records are then older
/// than the copy, and are made true again (`TreeSync.reconcile`) before they are trusted.
struct Staging {
    static let folderName = "staging"

    let state: StateFolder

    var folder: String { state.snapshots + "/" + Self.folderName }
    var metadata: String { state.marker("staging.json") }
    var dirty: String { state.marker("staging-dirty") }

    func record(_ part: String) -> String { state.marker("staging-\(part).jsonl") }

    /// The parts the staged copy was last completed for, or nil when there is none.
    func stagedParts() throws -> [SnapshotMetadata.Part]? {
        guard try FileStatus.ifExists(metadata) != nil, try FileStatus.ifExists(folder) != nil else { return nil }
        return try JSONDecoder().decode([SnapshotMetadata.Part].self, from: Data(try FileReading.bytes(metadata)))
    }

    /// What the staged copy of tree `part` holds, made true first if an update was cut short.
    func mirrorState(_ part: String) throws -> MirrorState {
        guard try FileStatus.ifExists(folder + "/" + part) != nil else { return MirrorState() }
        let recorded = try readRecord(part)
        guard try FileStatus.ifExists(dirty) != nil || recorded == nil else { return recorded! }
        return try TreeSync.reconcile(mirror: folder + "/" + part, previous: recorded ?? MirrorState())
    }

    func markDirty() throws {
        try AtomicFile.write("", to: dirty, ownership: Self.private600)
    }

    func markClean(parts: [SnapshotMetadata.Part]) throws {
        try AtomicFile.write(Array(try ManifestWriter.encoder.encode(parts)), to: metadata, ownership: Self.private600)
        try Directories.removeFile(dirty)
    }

    /// Forgets the staged copy once it became a snapshot.
    func forget(parts: [SnapshotMetadata.Part]) throws {
        for path in [metadata] + parts.map({ record($0.name) }) where try FileStatus.ifExists(path) != nil {
            try Directories.removeFile(path)
        }
    }

    static let private600 = Ownership(uid: getuid(), gid: getgid(), mode: 0o600)
    static let private700 = Ownership(uid: getuid(), gid: getgid(), mode: 0o700)

    private func readRecord(_ part: String) throws -> MirrorState? {
        guard try FileStatus.ifExists(record(part)) != nil else { return nil }
        var state = MirrorState()
        for line in try FileReading.bytes(record(part)).split(separator: UInt8(ascii: "\n")) {
            try StagingLine.read(line, into: &state, file: record(part))
        }
        return state
    }
}
