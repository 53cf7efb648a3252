/// The bytes of a message that say what it is, whoever stored it: LF line ends, no trace or status fields that
/// servers add on delivery or keep while storing, no mbox envelope or quoting, no trailing empty lines.
/// A Maildir server and an mbox server that received the same mail yield the same canonical form.
public enum MessageCanonicalForm {
    /// Header fields left out, lower case. Trace fields differ per hop and server; the rest is mail-store state.
    public static let ignoredFields: Set<[UInt8]> = Set([
        "received", "return-path", "delivered-to", "x-original-to",
        "status", "x-status", "x-keywords", "x-uid", "content-length", "x-imapbase",
    ].map { Array($0.utf8) })

    public static func bytes(of message: ArraySlice<UInt8>, fromMbox: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count)
        var inHeader = true
        // Whether the field whose continuation lines may follow is one left out.
        var skippingField = false
        var first = true
        forEachLine(of: message) { line in
            defer { first = false }
            if fromMbox && first && Mbox.isSeparator(line) { return }
            var line = line
            if inHeader {
                if line.isEmpty {
                    inHeader = false
                } else if line[line.startIndex] == UInt8(ascii: " ") || line[line.startIndex] == UInt8(ascii: "\t") {
                    if skippingField { return }
                } else {
                    skippingField = MessageHeader.fieldName(of: line).map(ignoredFields.contains) ?? false
                    if skippingField { return }
                }
            }
            if fromMbox { line = Mbox.unquoted(line) }
            out += line
            out.append(UInt8(ascii: "\n"))
        }
        while out.last == UInt8(ascii: "\n") { out.removeLast() }
        return out
    }

    /// Calls `body` with every line of `bytes` without its LF or CRLF (a last line without one included).
    static func forEachLine(of bytes: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) -> Void) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var end = newline
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            body(bytes[start..<end])
            start = newline + 1
        }
    }
}
