import CutoverSystem
import Foundation

/// The plan's `stateDir`: journal, lock, human log, snapshots, and markers of reloads still owed.
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

    /// The newest complete snapshot (a folder that has its `snapshot.json`), if any.
    public func latestSnapshot() throws -> SnapshotFolder? {
        guard try FileStatus.ifExists(snapshots) != nil else { return nil }
        let names = try Directories.entries(snapshots).filter { !$0.hasSuffix(SnapshotFolder.partialSuffix) }
        for name in names.sorted(by: >) {
            let folder = SnapshotFolder(path: snapshots + "/" + name)
            if try FileStatus.ifExists(folder.metadata) != nil { return folder }
        }
        return nil
    }

    /// A marker that a file was rewritten but its `reload` command has not succeeded yet. While it exists the
    /// step does not hold, so a crash between the write and the reload is caught on resume.
    func pendingReloadMarker(_ name: String) -> String { path + "/reload-pending." + name }
}
