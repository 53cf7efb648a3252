import CutoverFormats
import Foundation

extension StragglerLedger {
    /// What a pass needs of one ledger line, read without a JSON decoder: the ledger is read whole by every sweep
    /// that lists an account, and it grows by a line per message for days. The tool writes these lines itself
    /// (`Entry.line`: sorted keys, no spaces); a line in any other shape, or with an escape in one of the values
    /// read here, goes to the JSON decoder instead.
    struct Fields {
        var account: String
        var digest: String
        var outcome: Entry.Outcome
        var received: Double

        /// `lastAccount`: the account of the line before, whose string is reused when this line names it too (a
        /// pass records account by account), so a line costs one new string, its digest.
        init?(_ line: ArraySlice<UInt8>, lastAccount: inout String) {
            var reader = LineReader(line: line)
            guard reader.take(#"{"account":"#), let account = reader.plainString(),
                  reader.skipOptional(#","destination":"#) else { return nil }
            guard reader.take(#","digest":"#), let digest = reader.plainString(),
                  reader.skipOptional(#","messageID":"#) else { return nil }
            guard reader.take(#","outcome":"#), let outcomeName = reader.plainString(),
                  let outcome = Entry.Outcome(rawValue: String(decoding: outcomeName, as: UTF8.self)) else { return nil }
            guard reader.take(#","received":"#), let received = reader.number() else { return nil }
            guard reader.take(#","source":"#), reader.skipString(), reader.take("}"), reader.atEnd else { return nil }
            if !lastAccount.utf8.elementsEqual(account) { lastAccount = String(decoding: account, as: UTF8.self) }
            self.account = lastAccount
            self.digest = String(decoding: digest, as: UTF8.self)
            self.outcome = outcome
            self.received = received
        }

        init(_ entry: Entry) {
            account = entry.account
            digest = entry.digest
            outcome = entry.outcome
            received = entry.received
        }
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

        mutating func take(_ text: String) -> Bool {
            guard line[index...].starts(with: text.utf8) else { return false }
            index += text.utf8.count
            return true
        }

        /// A string value with no escape in it, without its quotes; the reader moves past it.
        mutating func plainString() -> ArraySlice<UInt8>? {
            let start = index
            guard skipString(), !line[start..<index].contains(UInt8(ascii: "\\")) else { return nil }
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
        mutating func skipOptional(_ key: String) -> Bool {
            guard take(key) else { return true }
            return skipString()
        }

        mutating func number() -> Double? {
            let start = index
            while index < line.endIndex, line[index] != UInt8(ascii: ","), line[index] != UInt8(ascii: "}") { index += 1 }
            return Double(String(decoding: line[start..<index], as: UTF8.self))
        }
    }
}
