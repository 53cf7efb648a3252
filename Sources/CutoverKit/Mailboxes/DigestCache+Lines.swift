import CutoverFormats
import Foundation

/// The cache's file format: one line per file, fields separated by tabs, read without a JSON decoder because a
/// sweep from cron reads it whole every few minutes. A line is `path size mtime inode` and then, per message held,
/// `relativePath lower upper digest messageID flags received`. Strings are escaped (`%`, tab, CR, LF as `%25`,
/// `%09`, `%0D`, `%0A`); an absent value is an empty field, a present one starts with `=`.
extension DigestCache {
    static func encode(_ entry: Entry) -> String {
        var fields = [escape(entry.path), String(entry.size), String(entry.mtime), String(entry.inode)]
        for message in entry.messages {
            fields += [escape(message.relativePath), message.range.map { String($0.lowerBound) } ?? "",
                       message.range.map { String($0.upperBound) } ?? "", message.identity.digest,
                       optional(message.identity.messageID), optional(message.flags), String(message.received)]
        }
        return fields.joined(separator: "\t")
    }

    /// Nil for a line that is not one this format writes (the cache then reads that file again). Fields are taken
    /// as bytes and only the strings a message keeps are made: a pass decodes a line per file it lists.
    static func decode(_ line: ArraySlice<UInt8>) -> Entry? {
        let fields = Self.fields(of: line)
        // Times must be finite: a damaged "inf" would travel into the ledger and the audit's dates.
        guard fields.count >= 4, (fields.count - 4) % 7 == 0, let size = integer(fields[1]).map(Int64.init),
              let mtime = time(fields[2]), let inode = unsigned(fields[3])
        else { return nil }
        var messages: [StoredMessage] = []
        messages.reserveCapacity((fields.count - 4) / 7)
        for index in stride(from: 4, to: fields.count, by: 7) {
            var range: Range<Int>?
            if !fields[index + 1].isEmpty {
                guard let lower = integer(fields[index + 1]), let upper = integer(fields[index + 2]), lower <= upper
                else { return nil }
                range = lower..<upper
            }
            guard let received = time(fields[index + 6]), let messageID = optional(fields[index + 4]),
                  let flags = optional(fields[index + 5]) else { return nil }
            messages.append(StoredMessage(relativePath: unescape(fields[index]), range: range,
                                          identity: MessageIdentity(messageID: messageID,
                                                                    digest: String(decoding: fields[index + 3], as: UTF8.self)),
                                          flags: flags, received: received))
        }
        return Entry(path: unescape(fields[0]), size: size, mtime: mtime, inode: inode, messages: messages)
    }

    /// The tab-separated fields of a line, found with memchr.
    private static func fields(of line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(11)
        var start = line.startIndex
        while let tab = line[start...].fastFirstIndex(of: UInt8(ascii: "\t")) {
            fields.append(line[start..<tab])
            start = tab + 1
        }
        fields.append(line[start...])
        return fields
    }

    /// A decimal integer as `String(Int)` writes it: digits, perhaps after a `-`.
    private static func integer(_ field: ArraySlice<UInt8>) -> Int? {
        let negative = field.first == UInt8(ascii: "-")
        guard let magnitude = unsigned(negative ? field.dropFirst() : field), magnitude <= UInt64(Int.max) else {
            return nil
        }
        return negative ? -Int(magnitude) : Int(magnitude)
    }

    /// Digits only, within UInt64's range.
    private static func unsigned(_ field: ArraySlice<UInt8>) -> UInt64? {
        guard !field.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in field {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// A finite time in seconds.
    private static func time(_ field: ArraySlice<UInt8>) -> Double? {
        Double(String(decoding: field, as: UTF8.self)).flatMap { $0.isFinite ? $0 : nil }
    }

    /// The path a line is about, without decoding the rest; nil for a line with no tab after it.
    static func path(of line: ArraySlice<UInt8>) -> String? {
        guard let tab = line.fastFirstIndex(of: UInt8(ascii: "\t")) else { return nil }
        return unescape(line[..<tab])
    }

    private static func optional(_ value: String?) -> String { value.map { "=" + escape($0) } ?? "" }

    /// `.some(nil)` for an empty field, `.some(value)` for `=value`, nil for anything else.
    private static func optional(_ field: ArraySlice<UInt8>) -> String?? {
        if field.isEmpty { return .some(nil) }
        guard field.first == UInt8(ascii: "=") else { return nil }
        return .some(unescape(field.dropFirst()))
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func unescape(_ field: ArraySlice<UInt8>) -> String {
        let text = String(decoding: field, as: UTF8.self)
        guard field.fastFirstIndex(of: 0x25) != nil else { return text }
        return text.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }
}
