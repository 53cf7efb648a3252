/// Values of a one-line JSON object that this tool wrote itself (JSONEncoder, sorted keys, no spaces), read
/// without a JSON decoder: journals, ledgers and manifests are read whole, and a decoder costs microseconds a line.
/// One pass finds where each top-level value starts; only plain values are handled: a string holding an escape,
/// a nested value, or a line of another shape answers nil, and the caller then asks a real JSON decoder.
public struct FlatJSONLine {
    private let line: ArraySlice<UInt8>
    /// Each key's bytes (inside its quotes) and the index of the first byte of its value, in line order. A list,
    /// not a dictionary: a line has a handful of keys, and the ledger and manifests are read a line at a time by
    /// the hundred thousand, where a dictionary of new strings per line was most of the cost.
    private var keys: [(name: Range<Int>, value: Int)] = []

    /// Nil unless the line is a flat `{…}` object.
    public init?(_ line: ArraySlice<UInt8>) {
        guard line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}") else { return nil }
        self.line = line
        var index = line.startIndex + 1
        let end = line.endIndex - 1
        while index < end {
            // A key: a string, then a colon.
            guard line[index] == UInt8(ascii: "\""), let close = Self.stringEnd(line, from: index),
                  close + 1 < end, line[close + 1] == UInt8(ascii: ":") else { return nil }
            let start = close + 2
            keys.append(((index + 1)..<close, start))
            // Its value runs to the next comma outside a string.
            var cursor = start
            if cursor < end, line[cursor] == UInt8(ascii: "\"") {
                guard let valueClose = Self.stringEnd(line, from: cursor) else { return nil }
                cursor = valueClose + 1
            } else {
                while cursor < end, line[cursor] != UInt8(ascii: ",") {
                    guard line[cursor] != UInt8(ascii: "{"), line[cursor] != UInt8(ascii: "[") else { return nil }
                    cursor += 1
                }
            }
            guard cursor == end || line[cursor] == UInt8(ascii: ",") else { return nil }
            index = cursor + 1
        }
    }

    /// The string value of `key`; nil when missing, not a string, or escaped.
    public func string(_ key: String) -> String? {
        guard let start = valueStart(key), line[start] == UInt8(ascii: "\""),
              let close = Self.stringEnd(line, from: start),
              !line[(start + 1)..<close].contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: line[(start + 1)..<close], as: UTF8.self)
    }

    /// Whether `key` is present.
    public func has(_ key: String) -> Bool { valueStart(key) != nil }

    /// The number value of `key`.
    public func number(_ key: String) -> Double? {
        guard let start = valueStart(key),
              let end = line[start...].firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") })
        else { return nil }
        return Double(String(decoding: line[start..<end], as: UTF8.self))
    }

    /// Where the value of `key` starts; the last one when a key repeats (as a JSON decoder takes it).
    private func valueStart(_ key: String) -> Int? {
        keys.last { line[$0.name].elementsEqual(key.utf8) }?.value
    }

    /// The index of the quote that closes the string opening at `open`, skipping escaped characters.
    public static func stringEnd(_ line: ArraySlice<UInt8>, from open: Int) -> Int? {
        // Most values hold no escape: then the closing quote is the next quote, found in one search.
        if let quote = line[(open + 1)...].fastFirstIndex(of: UInt8(ascii: "\"")),
           line[(open + 1)..<quote].fastFirstIndex(of: UInt8(ascii: "\\")) == nil {
            return quote
        }
        var index = open + 1
        while index < line.endIndex {
            switch line[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }
}
