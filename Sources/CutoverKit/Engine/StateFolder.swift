import CutoverFormats
import CutoverSystem
import Foundation

/// The plan's `stateDir`: journal, lock, human log, snapshots, and the markers steps keep there.
public struct StateFolder: Sendable {
    public var path: String

    public var journal: String { path + "/journal.jsonl" }
    public var lock: String { path + "/lock" }
    public var log: String { path + "/cutover.log" }
    public var snapshots: String { path + "/snapshots" }

    /// Created 0700: it holds copies of the account index (password hashes). One that already exists must be ours
    /// alone, or whoever else can write it could plant links where the lock and journal go (exit 2, `PlanInvalid`).
    func create() throws {
        try Directories.create(path, ownership: Ownership.ofThisProcess(mode: 0o700))
        if let problem = try Self.trustProblem(path) {
            throw PlanInvalid(problems: [InputProblem(file: path, message: problem)])
        }
    }

    /// Why the folder at `path` cannot be trusted as the state folder, or nil when it can (or is not there yet).
    static func trustProblem(_ path: String) throws -> String? {
        guard let status = try FileStatus.ifExists(path) else { return nil }
        if status.kind != .directory { return "the state folder is not a folder (a link or a file is never followed)" }
        if status.uid != geteuid() {
            return "the state folder is owned by uid \(status.uid), not by the user running cutover (uid \(geteuid())); "
                + "use a folder of your own, or `chown \(geteuid()) \(path)` and `chmod 700 \(path)`"
        }
        if status.mode & 0o022 != 0 {
            return "the state folder can be written by others (mode \(String(status.mode, radix: 8))); "
                + "run `chmod 700 \(path)`"
        }
        // The lock, the journal, the log, the ledger and the markers live right here: a link among them would have
        // a write land wherever it points.
        for name in try Directories.entries(path) where try FileStatus.of(path + "/" + name).kind == .symlink {
            return "\(path)/\(name) is a symbolic link, and no file of the state folder is ever opened through one; "
                + "remove it (cutover recreates what it needs)"
        }
        return nil
    }

    /// The newest complete snapshot (a folder that has its `snapshot.json`), if any: what was there last.
    public func latestSnapshot() throws -> SnapshotFolder? { try completeSnapshots().last }

    /// The first complete snapshot: the only one guaranteed to hold the index as it was before any import.
    public func earliestSnapshot() throws -> SnapshotFolder? { try completeSnapshots().first }

    /// Oldest first (ids are timestamps); the staged copy of `prestage` is not a snapshot, even once it holds its
    /// `snapshot.json` just before it is renamed into place.
    private func completeSnapshots() throws -> [SnapshotFolder] {
        guard try FileStatus.ifExists(snapshots) != nil else { return [] }
        return try Directories.entries(snapshots)
            .filter { !$0.hasSuffix(SnapshotFolder.partialSuffix) && $0 != Staging.folderName }.sorted()
            .map { SnapshotFolder(path: snapshots + "/" + $0) }
            .filter { try FileStatus.ifExists($0.metadata) != nil }
    }

    /// A file of the state folder that one step keeps for itself (the step names it and says what it means).
    func marker(_ name: String) -> String { path + "/" + name }
}
