/// Values of a one-line JSON object that this tool wrote itself (JSONEncoder, sorted keys, no spaces), read
/// without a JSON decoder: journals, ledgers and manifests are read whole, and a decoder costs microseconds a line.
/// Only the plain case is handled: a string holding an escape, or a line of another shape, answers nil, and the
/// caller then asks a real JSON decoder.
public struct FlatJSONLine {
    private let line: ArraySlice<UInt8>

    /// Nil unless the line is `{…}`.
    public init?(_ line: ArraySlice<UInt8>) {
        guard line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}") else { return nil }
        self.line = line
    }

    /// The string value of `key`; nil when missing, not a string, or escaped.
    public func string(_ key: String) -> String? {
        guard let start = valueStart(key), start < line.endIndex, line[start] == UInt8(ascii: "\""),
              let close = line[(start + 1)...].firstIndex(of: UInt8(ascii: "\"")),
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

    /// Where the value of `"key":` begins. Keys are matched where a key can stand: after `{` or `,`.
    private func valueStart(_ key: String) -> Int? {
        let needle = Array("\"\(key)\":".utf8)
        var index = line.startIndex + 1
        while index + needle.count <= line.endIndex {
            let before = line[index - 1]
            if (before == UInt8(ascii: "{") || before == UInt8(ascii: ",")), line[index] == needle[0],
               line[index..<index + needle.count].elementsEqual(needle) {
                return index + needle.count
            }
            index += 1
        }
        return nil
    }
}
