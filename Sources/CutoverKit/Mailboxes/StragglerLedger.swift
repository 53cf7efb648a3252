import CutoverSystem
import Foundation

/// `stateDir/stragglers.jsonl`: every straggler copied, appended once its copy is durable. A message the user has
/// since deleted from the new mailbox must not come back on the next sweep (field note 11), so "already handled"
/// means "in the new mailbox, or in this ledger".
struct StragglerLedger {
    struct Entry: Codable {
        var account: String
        var digest: String
        var source: String
        var destination: String
    }

    let path: String

    init(state: StateFolder) { path = state.path + "/stragglers.jsonl" }

    func handled() throws -> Set<String> {
        guard try FileStatus.ifExists(path) != nil else { return [] }
        let decoder = JSONDecoder()
        // A line cut short by a crash mid-append names no copy; the copy itself is then found in the mailbox.
        return Set(try FileReading.text(path).split(separator: "\n").compactMap { line in
            (try? decoder.decode(Entry.self, from: Data(line.utf8))).map { Self.key($0.account, $0.digest) }
        })
    }

    func record(_ entry: Entry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try AppendOnlyLog(path: path).append(line: String(decoding: try encoder.encode(entry), as: UTF8.self))
    }

    static func key(_ account: String, _ digest: String) -> String { account + "\u{0}" + digest }
}
