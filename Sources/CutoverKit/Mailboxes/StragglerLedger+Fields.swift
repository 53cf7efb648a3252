import Foundation

extension StragglerLedger {
    /// What a pass needs of one ledger line, read without a JSON decoder: the ledger is read whole by every sweep,
    /// and it grows by a line per message for days. The tool writes these lines itself (sorted keys, no spaces);
    /// a line in any other shape, or with an escape in one of these values, goes to the JSON decoder instead.
    struct Fields {
        var account: String
        var digest: String
        var outcome: Entry.Outcome
        var received: Double

        init?(_ line: ArraySlice<UInt8>) {
            guard line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}"),
                  let account = Self.string(#""account":""#, in: line),
                  let digest = Self.string(#""digest":""#, in: line),
                  let outcomeName = Self.string(#""outcome":""#, in: line),
                  let outcome = Entry.Outcome(rawValue: outcomeName),
                  let received = Self.number(#""received":"#, in: line) else { return nil }
            self.account = account
            self.digest = digest
            self.outcome = outcome
            self.received = received
        }

        init(_ entry: Entry) {
            account = entry.account
            digest = entry.digest
            outcome = entry.outcome
            received = entry.received
        }

        /// The string after `key` up to its closing quote; nil when absent or escaped.
        private static func string(_ key: String, in line: ArraySlice<UInt8>) -> String? {
            guard let start = end(of: key, in: line),
                  let close = line[start...].firstIndex(of: UInt8(ascii: "\"")),
                  !line[start..<close].contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: line[start..<close], as: UTF8.self)
        }

        private static func number(_ key: String, in line: ArraySlice<UInt8>) -> Double? {
            guard let start = end(of: key, in: line),
                  let close = line[start...].firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") })
            else { return nil }
            return Double(String(decoding: line[start..<close], as: UTF8.self))
        }

        private static func end(of key: String, in line: ArraySlice<UInt8>) -> Int? {
            let needle = Array(key.utf8)
            guard needle.count <= line.count else { return nil }
            var index = line.startIndex
            while index <= line.endIndex - needle.count {
                if line[index] == needle[0], line[index..<index + needle.count].elementsEqual(needle) {
                    return index + needle.count
                }
                index += 1
            }
            return nil
        }
    }
}
