/// Reads fields from the header section of an RFC 5322 message.
public enum MessageHeader {
    /// The Message-ID of an RFC 5322 message (only the header section is read: up to the first empty line, CRLF or
    /// LF), unfolded, trimmed, angle brackets kept as written; case-insensitive field name; nil when absent.
    ///
    /// The first Message-ID field wins; an empty one counts as absent. An mbox "From " line before the header is
    /// passed over like any other line that is not a field.
    public static func messageID<Bytes: Collection>(in message: Bytes) -> String? where Bytes.Element == UInt8 {
        value(of: "message-id", in: message)
    }

    /// The first field called `name` (lower case), unfolded and trimmed; nil when absent or empty.
    public static func value<Bytes: Collection>(of name: String, in message: Bytes) -> String?
    where Bytes.Element == UInt8 {
        // Messages come as array slices (a file's bytes, or one message of an mbox): searched in place.
        if let slice = message as? ArraySlice<UInt8> { return value(of: name, in: slice) }
        if let array = message as? [UInt8] { return value(of: name, in: array[...]) }
        return value(of: name, in: ArraySlice(message))
    }

    /// `value(of:in:)` on the bytes themselves: lines are found with memchr, not a byte at a time (a straggler
    /// pass identifies thousands of messages a second).
    private static func value(of name: String, in message: ArraySlice<UInt8>) -> String? {
        let wanted = Array(name.utf8)
        var value: [UInt8]?
        var start = message.startIndex
        while start < message.endIndex {
            let end = message[start...].fastFirstIndex(of: UInt8(ascii: "\n")) ?? message.endIndex
            var line = message[start..<end]
            start = end == message.endIndex ? end : end + 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { break }
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                // Unfolding removes only the line break; the blank that starts the continuation stays.
                value? += line
                continue
            }
            if value != nil { break }
            if fieldName(of: line)?.elementsEqual(wanted) == true {
                value = Array(line[(line.firstIndex(of: UInt8(ascii: ":"))! + 1)...])
            }
        }
        guard let value else { return nil }
        let text = String(decoding: value, as: UTF8.self)
        let trimmed = text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The lower-cased name of the field `line` starts, or nil when it is no field; the obsolete syntax's blanks
    /// before the ':' are allowed.
    static func fieldName<Line: Collection>(of line: Line) -> [UInt8]? where Line.Element == UInt8, Line.Index == Int {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var end = colon
        while end > line.startIndex, line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t") {
            end -= 1
        }
        return line[line.startIndex..<end].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }
}
