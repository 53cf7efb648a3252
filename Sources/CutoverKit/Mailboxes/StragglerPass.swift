import CutoverSystem
import Foundation

/// `stateDir/stragglers-pass.json`: which messages the latest pass set out to handle, written before it starts.
/// The step's end state is "everything that was there when the pass began is handled": within the run that made
/// the pass, a straggler in this list is still owed, one that is not arrived after the pass began and is left to
/// the next pass, so mail arriving on the old side during a run never fails the step. A new run (or `status`
/// after the run) owes every straggler again; before the first pass there is no list, and every one is owed.
struct StragglerPass: Codable, Equatable {
    var keys: [String]

    static func path(_ state: StateFolder) -> String { state.path + "/stragglers-pass.json" }

    static func read(_ state: StateFolder) throws -> StragglerPass? {
        let path = path(state)
        guard try FileStatus.ifExists(path) != nil else { return nil }
        return try JSONDecoder().decode(StragglerPass.self, from: Data(try FileReading.bytes(path)))
    }

    /// The latest pass, if it was made while the state folder's lock is held as it is now: the runner rewrites
    /// the lock file when it takes the lock and empties it when it lets go, so a pass written after the lock file
    /// belongs to the current run. Both times come from the file system's clock. Without a lock file (a step
    /// driven directly, outside any run) the latest pass counts.
    static func current(_ state: StateFolder) throws -> StragglerPass? {
        guard let pass = try read(state), let written = try FileStatus.ifExists(path(state)) else { return nil }
        guard let lock = try FileStatus.ifExists(state.lock) else { return pass }
        return written.modificationTime >= lock.modificationTime ? pass : nil
    }

    func write(_ state: StateFolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(Array(try encoder.encode(self)), to: Self.path(state),
                             ownership: Ownership(uid: getuid(), gid: getgid(), mode: 0o600))
    }

    /// The keys of `work` this pass still owes, and how many arrived after it began.
    func split(_ work: StragglerWork) -> (owed: Set<String>, arrivedSince: Int) {
        let pending = work.pendingKeys
        let owed = pending.intersection(keys)
        return (owed, pending.count - owed.count)
    }
}
