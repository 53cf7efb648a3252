import CutoverSystem
import Foundation

/// The staged copy `cutover prestage` keeps in `snapshots/staging/` while the services still run, laid out as a
/// snapshot (`index/`, `mailboxes/`, ...), and its record: per mail tree, `staging-<part>.tsv` in the state folder
/// (`TreeSync`'s record: each file with its original's inode, so a later update recognises renames, and each
/// folder's stamp, so it need not list a Maildir folder nothing happened in), and `staging.json` (the parts, like
/// `snapshot.json`). `staging-dirty` exists while an update is under way: the records may then not match the copy,
/// and are checked against it before they are trusted.
struct Staging {
    static let folderName = "staging"

    let state: StateFolder

    var folder: String { state.snapshots + "/" + Self.folderName }
    var metadata: String { state.marker("staging.json") }
    var dirty: String { state.marker("staging-dirty") }

    func record(_ part: String) -> String { state.marker("staging-\(part).tsv") }

    /// The parts the staged copy was last completed for, or nil when there is none.
    func stagedParts() throws -> [SnapshotMetadata.Part]? {
        guard try FileStatus.ifExists(metadata) != nil, try FileStatus.ifExists(folder) != nil else { return nil }
        return try JSONDecoder().decode([SnapshotMetadata.Part].self, from: Data(try FileReading.bytes(metadata)))
    }

    /// Whether an update was cut short since the records were last true.
    func isDirty() throws -> Bool { try FileStatus.ifExists(dirty) != nil }

    func markDirty() throws {
        try AtomicFile.write("", to: dirty, ownership: Self.private600)
    }

    func markClean(parts: [SnapshotMetadata.Part]) throws {
        try AtomicFile.write(Array(try ManifestWriter.encoder.encode(parts)), to: metadata, ownership: Self.private600)
        try Directories.removeFile(dirty)
    }

    /// Forgets the staged copy once it became a snapshot.
    func forget(parts: [SnapshotMetadata.Part]) throws {
        for path in [metadata, dirty] + parts.map({ record($0.name) }) where try FileStatus.ifExists(path) != nil {
            try Directories.removeFile(path)
        }
    }

    static let private600 = Ownership.ofThisProcess(mode: 0o600)
    static let private700 = Ownership.ofThisProcess(mode: 0o700)
}
