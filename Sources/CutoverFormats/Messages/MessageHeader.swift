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
        var line: [UInt8] = []
        // The value gathered so far, while its field (and its folded continuation lines) is being read.
        var value: [UInt8]?
        var iterator = message.makeIterator()
        var atEnd = false
        while !atEnd {
            line.removeAll(keepingCapacity: true)
            atEnd = true
            while let byte = iterator.next() {
                if byte == UInt8(ascii: "\n") {
                    atEnd = false
                    break
                }
                line.append(byte)
            }
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty { break }
            if line[0] == UInt8(ascii: " ") || line[0] == UInt8(ascii: "\t") {
                // Unfolding removes only the line break; the blank that starts the continuation stays.
                value? += line
                continue
            }
            if value != nil { break }
            if fieldName(of: line)?.elementsEqual(name.utf8) == true {
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
