import CutoverFormats
import CutoverSystem
import Foundation

/// `stateDir/stragglers.jsonl`: every old-side message a pass handled, copied or found already in the new mailbox,
/// appended once its copy is durable. A message the user has since deleted from the new mailbox must not come back
/// on the next sweep (field note 11), also with `move: false` where the source keeps its copy; so "already handled"
/// means "in the new mailbox, or in this ledger".
struct StragglerLedger {
    struct Entry: Codable, Equatable {
        enum Outcome: String, Codable { case copied, present }

        var account: String
        var messageID: String?
        var digest: String
        var source: String
        var destination: String?
        var outcome: Outcome
        /// When the message reached the old side (seconds since 1970): "last straggler seen" for sweeps and audits.
        var received: Double
    }

    /// What the ledger says, read once per scan.
    struct Records {
        /// The digests of the messages handled, per account.
        var handled: [String: Set<HandledDigest>] = [:]
        /// The last line was cut short by a crash; the next record cuts it away.
        var tornTail = false
        /// When the latest straggler copied in (not merely found already there) reached the old side, per account.
        var lastCopied: [String: Double] = [:]
        /// Distinct messages copied in, per account, and how many were found already there (not copied).
        var copied: [String: Int] = [:]
        var foundPresent = 0

        /// Where the read stopped: the bytes up to the last complete line, the lines in them, the file's inode
        /// and the bytes just before that end (a file replaced meanwhile may well have the same inode).
        var end = 0
        var lines = 0
        var inode: UInt64 = 0
        var endMark: [UInt8] = []

        func contains(_ account: String, _ digest: String) -> Bool {
            handled[account]?.contains(HandledDigest(digest)) ?? false
        }
    }

    let path: String

    init(state: StateFolder) { path = state.path + "/stragglers.jsonl" }

    /// A last line without its newline is a record a crash cut short: its copy, if any, is found in the mailbox.
    /// A bad line anywhere else is damage, and skipping it could bring deleted mail back: the step stops on it.
    /// Given what an earlier read found, only the lines appended since are read (the whole file when it was
    /// replaced or cut shorter meanwhile).
    func read(continuing earlier: Records? = nil) throws -> Records {
        guard try FileStatus.ifExists(path) != nil else { return Records() }
        if let earlier, let appended = try FileReading.bytes(path, from: earlier.end - earlier.endMark.count),
           appended.status.inode == earlier.inode, appended.bytes.starts(with: earlier.endMark) {
            return try take(appended.bytes.dropFirst(earlier.endMark.count), into: earlier)
        }
        guard let whole = try FileReading.bytes(path, from: 0) else { return Records() }
        var records = Records()
        records.inode = whole.status.inode
        return try take(whole.bytes[...], into: records)
    }

    /// `records` with the lines of `bytes`, which follow what `records` has read.
    private func take(_ bytes: ArraySlice<UInt8>, into records: Records) throws -> Records {
        var records = records
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        while let stop = bytes[start...].fastFirstIndex(of: UInt8(ascii: "\n")) {
            lines.append(bytes[start..<stop])
            start = stop + 1
        }
        let tail = bytes[start...]  // after the last newline: empty, or a torn record
        records.tornTail = !tail.isEmpty
        let decoder = JSONDecoder()
        var lastAccount = ""
        // A pass records account by account: the account's digests are taken out of `handled` for its run of
        // lines (one dictionary look-up a run, not a line) and put back when the run ends.
        var run: (account: String, digests: Set<HandledDigest>)?
        for (number, line) in lines.enumerated() where !line.isEmpty {
            guard let entry = Fields(line, lastAccount: &lastAccount)
                    ?? (try? decoder.decode(Entry.self, from: Data(line))).map(Fields.init) else {
                throw StepFailure("\(path) line \(records.lines + number + 1) is not a straggler record; repair or "
                    + "remove that line (deleting it can bring back mail a user deleted)")
            }
            if run?.account != entry.account {
                if let ended = run { records.handled[ended.account] = ended.digests }
                run = (entry.account, records.handled.removeValue(forKey: entry.account) ?? [])
            }
            let isNew = run!.digests.insert(entry.digest).inserted
            if isNew && entry.outcome == .copied { records.copied[entry.account, default: 0] += 1 }
            if isNew && entry.outcome == .present { records.foundPresent += 1 }
            // A time that is not a number (an older version could write one from a damaged cache line) still
            // records the message as handled; it only says nothing about when mail last arrived.
            if entry.outcome == .copied, entry.received.isFinite {
                records.lastCopied[entry.account] = max(records.lastCopied[entry.account] ?? 0, entry.received)
            }
        }
        if let ended = run { records.handled[ended.account] = ended.digests }
        let complete = bytes.prefix(bytes.count - tail.count)
        records.lines += lines.count
        records.end += complete.count
        records.endMark = complete.count >= 64 ? Array(complete.suffix(64)) : Array((records.endMark + complete).suffix(64))
        return records
    }

    /// Appends `entries` with one flush to disk (records of messages already present come many at a time).
    func record(_ entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        // Opening the log cuts a torn last line away first (see `AppendOnlyLog`).
        try AppendOnlyLog(path: path).append(line: entries.map(\.line).joined(separator: "\n"))
    }
}

