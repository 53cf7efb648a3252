import CutoverSystem
import Foundation

/// `stateDir/stragglers-last-seen.tsv`: when the latest straggler copied into each account reached the old side,
/// and how far into the ledger that answer goes. A sweep from cron prints "last straggler seen" every few
/// minutes; with this beside the ledger it reads only the lines appended since, not days of records. A summary that
/// cannot be read, or that does not match the ledger any more, only costs one whole read.
extension StragglerLedger {
    /// Latest arrival per account of a straggler copied in. With `ownership`, the summary is written anew when the
    /// ledger moved on (not in a dry run: that writes nothing); a summary that cannot be written only costs the
    /// next call a whole read.
    func lastCopied(keeping ownership: Ownership?) throws -> [String: Double] {
        let earlier = summary()
        let records = try read(continuing: earlier)
        if let ownership, records.end != earlier?.end || records.inode != earlier?.inode,
           let text = Self.summaryText(records) {
            try? AtomicFile.write(text, to: summaryPath, ownership: ownership)
        }
        return records.lastCopied
    }

    private var summaryPath: String { PathParts.parent(path) + "/stragglers-last-seen.tsv" }

    /// First line: `end lines inode endMark(hex)`; then `account received` per account. Nil when an account name
    /// could not be written on a line of its own.
    private static func summaryText(_ records: Records) -> String? {
        guard !records.lastCopied.keys.contains(where: { name in
            name.utf8.contains { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") }
        }) else { return nil }
        let mark = records.endMark.map { String(format: "%02x", $0) }.joined()
        return "\(records.end)\t\(records.lines)\t\(records.inode)\t\(mark)\n"
            + records.lastCopied.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
    }

    private func summary() -> Records? {
        guard let text = try? FileReading.text(summaryPath) else { return nil }
        var lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        guard !lines.isEmpty else { return nil }
        let head = lines.removeFirst()
        guard head.count == 4, let end = Int(head[0]), let count = Int(head[1]), let inode = UInt64(head[2]),
              head[3].count % 2 == 0, let mark = Self.bytes(hex: head[3]) else { return nil }
        var records = Records()
        (records.end, records.lines, records.inode, records.endMark) = (end, count, inode, mark)
        for line in lines {
            guard line.count == 2, let received = Double(line[1]) else { return nil }
            records.lastCopied[String(line[0])] = received
        }
        return records
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
