import CutoverSystem
import Foundation

/// One line of `journal.jsonl`. Never holds a password: only step names, counts and messages the tool wrote.
public struct JournalEntry: Sendable, Codable, Equatable {
    public enum Event: String, Sendable, Codable { case started, completed, skipped, failed }

    public var time: String
    public var run: String
    public var step: StepName
    public var event: Event
    public var summary: String?
    public var reason: String?
    public var actions: Int?
}

/// The append-only journal and its human twin, `cutover.log`. Every entry is fsync'd before the step goes on.
final class Journal: Sendable {
    private let journal: AppendOnlyLog
    private let log: AppendOnlyLog
    private let runID: String
    private let clock: any Clock

    init(state: StateFolder, runID: String, clock: any Clock) throws {
        journal = try AppendOnlyLog(path: state.journal)
        log = try AppendOnlyLog(path: state.log)
        self.runID = runID
        self.clock = clock
        if journal.truncatedBytes > 0 {
            try note("the journal's last line was torn (\(journal.truncatedBytes) bytes, a crash mid-write); cut away")
        }
    }

    func record(_ step: StepName, _ event: JournalEntry.Event, summary: String? = nil, reason: String? = nil,
                actions: Int? = nil) throws {
        let time = Timestamp.rfc3339Milliseconds(clock.now())
        let entry = JournalEntry(time: time, run: runID, step: step, event: event, summary: summary,
                                 reason: reason, actions: actions)
        try journal.append(line: String(decoding: try Self.encoder.encode(entry), as: UTF8.self))
        try note("\(step.rawValue) \(event.rawValue)" + [summary, reason].compactMap { $0.map { ": " + $0 } }.joined())
    }

    /// A line in the human log only.
    func note(_ line: String) throws {
        try log.append(line: "\(Timestamp.rfc3339Milliseconds(clock.now())) [\(runID)] \(line)")
    }

    static func read(_ state: StateFolder) throws -> [JournalEntry] {
        guard try FileStatus.ifExists(state.journal) != nil else { return [] }
        let decoder = JSONDecoder()
        // A line cut short by a crash mid-append is not an entry; the step it began is simply verified again.
        return try FileReading.text(state.journal).split(separator: "\n").compactMap { line in
            try? decoder.decode(JournalEntry.self, from: Data(line.utf8))
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
