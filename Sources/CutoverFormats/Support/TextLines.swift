/// A text file cut into physical lines, remembering everything `joined()` needs to give the same bytes back:
/// a leading UTF-8 byte order mark, each line's own "\r" (CRLF files), and whether the last line ends in "\n".
struct TextLines: Sendable, Equatable {
    var hasByteOrderMark: Bool
    /// Each line without its "\n"; a CRLF line keeps its "\r" so it can be written back as it was.
    var lines: [String]
    var endsWithNewline: Bool

    init(hasByteOrderMark: Bool = false, lines: [String] = [], endsWithNewline: Bool = true) {
        self.hasByteOrderMark = hasByteOrderMark
        self.lines = lines
        self.endsWithNewline = endsWithNewline
    }

    init(_ text: String) {
        var body = Substring(text)
        hasByteOrderMark = body.unicodeScalars.first == "\u{FEFF}"
        if hasByteOrderMark { body = Substring(body.unicodeScalars.dropFirst()) }
        // Cut on the "\n" byte, not on Characters: Swift treats "\r\n" as one Character.
        var parts = body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        endsWithNewline = parts.last == ""
        if endsWithNewline { parts.removeLast() }
        lines = parts
    }

    /// Adds a line at the end; a file that lacked its final newline gets one first so the lines stay apart.
    mutating func append(_ line: String) {
        lines.append(line)
        endsWithNewline = true
    }

    func joined() -> String {
        var out = hasByteOrderMark ? "\u{FEFF}" : ""
        out += lines.joined(separator: "\n")
        if endsWithNewline && !lines.isEmpty { out += "\n" }
        return out
    }

    /// `line` without a trailing "\r", and whether there was one.
    static func content(of line: String) -> (text: String, carriageReturn: Bool) {
        guard line.utf8.last == UInt8(ascii: "\r") else { return (line, false) }
        return (String(line.unicodeScalars.dropLast()), true)
    }

    /// True for an empty line or one of spaces and tabs only.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The first control character (NUL, other C0 controls, DEL) in `text` and its 1-based column, if any.
    static func firstControlCharacter(in text: String) -> (scalar: Unicode.Scalar, column: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where scalar.value < 0x20 || scalar.value == 0x7F {
            return (scalar, offset + 1)
        }
        return nil
    }

    /// "U+0009" style name for a scalar, so a message never shows the raw control character.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
