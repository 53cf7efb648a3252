import CutoverFormats
import Foundation

extension StragglerLedger {
    /// What a pass needs of one ledger line, read without a JSON decoder: the ledger is read whole by every sweep
    /// that lists an account, and it grows by a line per message for days. The tool writes these lines itself
    /// (`Entry.line`: sorted keys, no spaces); a line in any other shape, or with an escape in one of the values
    /// read here, goes to the JSON decoder instead.
    struct Fields {
        var account: String
        var digest: HandledDigest
        var outcome: Entry.Outcome
        /// NaN for a line not about a copy: only a copy's time is read.
        var received: Double

        /// `lastAccount`: the account of the line before, whose string is reused when this line names it too (a
        /// pass records account by account), so a line costs one new string, its digest.
        init?(_ line: ArraySlice<UInt8>, lastAccount: inout String) {
            var reader = LineReader(line: line)
            guard reader.take(Key.account), let account = reader.plainString(),
                  reader.skipOptional(Key.destination) else { return nil }
            guard reader.take(Key.digest), let digest = reader.plainString(),
                  reader.skipOptional(Key.messageID) else { return nil }
            guard reader.take(Key.outcome), let outcome = reader.outcome() else { return nil }
            // Only a copy's time is ever used (when mail last arrived); another line's is checked to be a number.
            guard reader.take(Key.received), let received = reader.number(parsed: outcome == .copied) else { return nil }
            guard reader.take(Key.source), reader.skipString(), reader.take(Key.end), reader.atEnd else { return nil }
            if !lastAccount.utf8.elementsEqual(account) { lastAccount = String(decoding: account, as: UTF8.self) }
            self.account = lastAccount
            self.digest = HandledDigest(digest)
            self.outcome = outcome
            self.received = received
        }

        init(_ entry: Entry) {
            account = entry.account
            digest = HandledDigest(entry.digest)
            outcome = entry.outcome
            received = entry.received
        }
    }

    /// The keys in the order `Entry.line` writes them, as bytes: compared by memcmp.
    private enum Key {
        static let account = Array(#"{"account":"#.utf8)
        static let destination = Array(#","destination":"#.utf8)
        static let digest = Array(#","digest":"#.utf8)
        static let messageID = Array(#","messageID":"#.utf8)
        static let outcome = Array(#","outcome":"#.utf8)
        static let received = Array(#","received":"#.utf8)
        static let source = Array(#","source":"#.utf8)
        static let end = Array("}".utf8)
        static let copied = Array(#""copied""#.utf8)
        static let present = Array(#""present""#.utf8)
    }

    /// Reads one line from front to back.
    private struct LineReader {
        let line: ArraySlice<UInt8>
        var index: Int

        init(line: ArraySlice<UInt8>) {
            self.line = line
            index = line.startIndex
        }

        var atEnd: Bool { index == line.endIndex }

        mutating func take(_ bytes: [UInt8]) -> Bool {
            guard line.hasBytes(bytes, at: index) else { return false }
            index += bytes.count
            return true
        }

        /// The outcome's value: one of the two this tool writes.
        mutating func outcome() -> Entry.Outcome? {
            if take(Key.copied) { return .copied }
            if take(Key.present) { return .present }
            return nil
        }

        /// A string value with no escape in it, without its quotes; the reader moves past it.
        mutating func plainString() -> ArraySlice<UInt8>? {
            let start = index
            guard skipString(), line[start..<index].fastFirstIndex(of: UInt8(ascii: "\\")) == nil else { return nil }
            return line[(start + 1)..<(index - 1)]
        }

        /// Moves past a string value (escapes allowed), quotes included.
        mutating func skipString() -> Bool {
            guard index < line.endIndex, line[index] == UInt8(ascii: "\""),
                  let close = FlatJSONLine.stringEnd(line, from: index) else { return false }
            index = close + 1
            return true
        }

        /// Moves past `key` and its string value when the line has them here.
        mutating func skipOptional(_ key: [UInt8]) -> Bool {
            guard take(key) else { return true }
            return skipString()
        }

        /// The number up to the next `,` or `}`. Not `parsed`: NaN when it is a JSON number (which certainly parses);
        /// anything else is parsed as before, so what cannot be a number still fails the line.
        mutating func number(parsed: Bool) -> Double? {
            let start = index
            while index < line.endIndex, line[index] != UInt8(ascii: ","), line[index] != UInt8(ascii: "}") { index += 1 }
            if !parsed, Self.isJSONNumber(line[start..<index]) { return .nan }
            return Double(String(decoding: line[start..<index], as: UTF8.self))
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        static func isJSONNumber(_ text: ArraySlice<UInt8>) -> Bool {
            var index = text.startIndex
            func digits() -> Int {
                let start = index
                while index < text.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) { index += 1 }
                return index - start
            }
            if index < text.endIndex, text[index] == UInt8(ascii: "-") { index += 1 }
            let first = index
            let whole = digits()
            guard whole > 0, whole == 1 || text[first] != UInt8(ascii: "0") else { return false }
            if index < text.endIndex, text[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
            }
            if index < text.endIndex, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
                index += 1
                if index < text.endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return false }
            }
            return index == text.endIndex
        }
    }
}
