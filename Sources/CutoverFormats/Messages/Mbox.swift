/// Splits mbox files (mboxo and mboxrd, whose writers quote body lines that start with "From ").
public enum Mbox {
    /// Byte ranges of each message in an mboxrd/mboxo file: a message starts at a line beginning "From " that is at
    /// the start of the file or follows an empty line. The range covers from the "From " line up to (not including)
    /// the next message's "From " line.
    ///
    /// Bytes before the first such line belong to no message. An empty line may end in CRLF.
    public static func messageRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var starts: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            let from: [UInt8] = Array("From ".utf8)
            var lineStart = 0
            var previousLineEmpty = true
            while lineStart < buffer.count {
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let length = lineEnd - lineStart
                if previousLineEmpty, length >= from.count,
                   UnsafeBufferPointer(rebasing: buffer[lineStart..<(lineStart + from.count)]).elementsEqual(from) {
                    starts.append(lineStart)
                }
                previousLineEmpty = length == 0 || (length == 1 && buffer[lineStart] == UInt8(ascii: "\r"))
                lineStart = lineEnd + 1
            }
        }
        return zip(starts, starts.dropFirst() + [bytes.count]).map { $0..<$1 }
    }

    /// Is `line` the "From " envelope line that starts a message?
    public static func isSeparator(_ line: ArraySlice<UInt8>) -> Bool { line.starts(with: fromPrefix) }

    /// mboxrd unquoting: a line `>From `, `>>From `, ... loses one '>' (its writer added one to every such line).
    public static func unquoted(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let quotes = line.prefix { $0 == UInt8(ascii: ">") }.count
        guard quotes > 0, line.dropFirst(quotes).starts(with: fromPrefix) else { return line }
        return line.dropFirst()
    }

    /// One mbox message as a file of its own (for a Maildir): without the "From " line, the mboxrd quoting, the
    /// fields only the mbox store needs (`Status`, `X-UID`, `Content-Length`, ...), and the empty line that
    /// separated it from the next message. Line ends stay as they were.
    public static func standalone(_ message: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count)
        var inHeader = true
        var skippingField = false
        var start = message.startIndex
        while start < message.endIndex {
            let newline = message[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline.map { $0 + 1 } ?? message.endIndex
            var content = message[start..<(newline ?? message.endIndex)]
            if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
            defer { start = end }
            if start == message.startIndex && isSeparator(content) { continue }
            if inHeader {
                if content.isEmpty {
                    inHeader = false
                } else if content.first == UInt8(ascii: " ") || content.first == UInt8(ascii: "\t") {
                    if skippingField { continue }
                } else {
                    skippingField = MessageHeader.fieldName(of: content).map(storeFields.contains) ?? false
                    if skippingField { continue }
                }
            }
            let line = message[start..<end]
            out += unquoted(content).count < content.count ? line.dropFirst() : line
        }
        // The separator: one empty line (LF or CRLF) that belongs to the mbox, not to the message.
        if out.suffix(2) == [10, 10] { out.removeLast() } else if out.suffix(4) == [13, 10, 13, 10] { out.removeLast(2) }
        return out
    }

    /// Maildir flags (ASCII order) for an mbox message's `Status` and `X-Status` fields, as Dovecot and mutt keep
    /// them: R(ead) → S(een); X-Status A(nswered) → R, F(lagged) → F, T (draft) → D, D(eleted) → T. nil when the
    /// message is new (no `Status`); "" when it was only seen to arrive (`Status: O`).
    public static func maildirFlags(of message: ArraySlice<UInt8>) -> String? {
        guard let status = MessageHeader.value(of: "status", in: message) else { return nil }
        var flags: Set<Character> = status.contains("R") ? ["S"] : []
        let mapping: [Character: Character] = ["A": "R", "F": "F", "T": "D", "D": "T"]
        for letter in MessageHeader.value(of: "x-status", in: message) ?? "" {
            if let flag = mapping[letter] { flags.insert(flag) }
        }
        return String(flags.sorted())
    }

    /// Seconds since 1970 from the "From " line's asctime date ("From a@b Mon Nov 23 10:00:00 2026"), read as
    /// UTC; nil when the line has no such date.
    public static func receivedTime(of message: ArraySlice<UInt8>) -> Int? {
        let line = message.prefix { $0 != UInt8(ascii: "\n") }
        guard isSeparator(line) else { return nil }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ").map(String.init)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let at = words.indices.dropFirst(2).first(where: { months.contains(words[$0]) }), at + 2 < words.count,
              let month = months.firstIndex(of: words[at]), let day = Int(words[at + 1]) else { return nil }
        let clock = words[at + 2].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3,
              let year = words[(at + 3)...].lazy.compactMap({ Int($0.trimmingSuffix("\r")) }).first(where: { $0 > 1900 })
        else { return nil }
        return CivilDate.daysSince1970(year: year, month: month + 1, day: day) * 86_400
            + clock[0] * 3_600 + clock[1] * 60 + clock[2]
    }

    /// Fields Dovecot and other mbox stores add to keep their own state; meaningless outside that mbox file.
    static let storeFields: Set<[UInt8]> = Set(["status", "x-status", "x-keywords", "x-uid", "content-length",
                                                "x-imapbase"].map { Array($0.utf8) })

    private static let fromPrefix = Array("From ".utf8)
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
