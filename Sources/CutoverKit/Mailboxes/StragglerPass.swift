import CutoverSystem
import Foundation

/// `stateDir/stragglers-pass.json`: which messages the latest pass set out to handle, written before it starts.
/// The step's end state is "everything that was there when the pass began is handled": a straggler in this list
/// is still owed, one that is not arrived after the pass began and is left to the next pass (`sweep`), so mail
/// arriving on the old side during a run never fails the step. Before the first pass there is no list, and every
/// straggler is owed.
struct StragglerPass: Codable, Equatable {
    var keys: [String]

    static func path(_ state: StateFolder) -> String { state.path + "/stragglers-pass.json" }

    static func read(_ state: StateFolder) throws -> StragglerPass? {
        let path = path(state)
        guard try FileStatus.ifExists(path) != nil else { return nil }
        return try JSONDecoder().decode(StragglerPass.self, from: Data(try FileReading.bytes(path)))
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
