import CutoverSystem
import Foundation

/// The plan's `stateDir`: journal, lock, human log, snapshots, and the markers steps keep there.
public struct StateFolder: Sendable {
    public var path: String

    public var journal: String { path + "/journal.jsonl" }
    public var lock: String { path + "/lock" }
    public var log: String { path + "/cutover.log" }
    public var snapshots: String { path + "/snapshots" }

    /// Created 0700: it holds copies of the account index (password hashes).
    func create() throws {
        try Directories.create(path, ownership: Ownership(uid: getuid(), gid: getgid(), mode: 0o700))
    }

    /// The newest complete snapshot (a folder that has its `snapshot.json`), if any: what was there last.
    public func latestSnapshot() throws -> SnapshotFolder? { try completeSnapshots().last }

    /// The first complete snapshot: the only one guaranteed to hold the index as it was before any import.
    public func earliestSnapshot() throws -> SnapshotFolder? { try completeSnapshots().first }

    /// Oldest first (ids are timestamps).
    private func completeSnapshots() throws -> [SnapshotFolder] {
        guard try FileStatus.ifExists(snapshots) != nil else { return [] }
        return try Directories.entries(snapshots).filter { !$0.hasSuffix(SnapshotFolder.partialSuffix) }.sorted()
            .map { SnapshotFolder(path: snapshots + "/" + $0) }
            .filter { try FileStatus.ifExists($0.metadata) != nil }
    }

    /// A file of the state folder that one step keeps for itself (the step names it and says what it means).
    func marker(_ name: String) -> String { path + "/" + name }
}
