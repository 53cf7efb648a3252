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

    /// Nil for a line that is not one this format writes (the cache then reads that file again).
    static func decode(_ line: ArraySlice<UInt8>) -> Entry? {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        // Times must be finite: a damaged "inf" would travel into the ledger and the audit's dates.
        guard fields.count >= 4, (fields.count - 4) % 7 == 0, let size = Int64(fields[1]), let mtime = Double(fields[2]),
              mtime.isFinite, let inode = UInt64(fields[3]) else { return nil }
        var messages: [StoredMessage] = []
        var index = 4
        while index < fields.count {
            let part = fields[index..<index + 7].map { $0 }
            index += 7
            var range: Range<Int>?
            if !part[1].isEmpty {
                guard let lower = Int(part[1]), let upper = Int(part[2]), lower <= upper else { return nil }
                range = lower..<upper
            }
            guard let received = Double(part[6]), received.isFinite, let messageID = optional(part[4]), let flags = optional(part[5])
            else { return nil }
            messages.append(StoredMessage(relativePath: unescape(part[0]), range: range,
                                          identity: MessageIdentity(messageID: messageID, digest: part[3]),
                                          flags: flags, received: received))
        }
        return Entry(path: unescape(fields[0]), size: size, mtime: mtime, inode: inode, messages: messages)
    }

    /// The path a line is about, without decoding the rest; nil for a line with no tab after it.
    static func path(of line: ArraySlice<UInt8>) -> String? {
        guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else { return nil }
        return unescape(String(decoding: line[..<tab], as: UTF8.self))
    }

    private static func optional(_ value: String?) -> String { value.map { "=" + escape($0) } ?? "" }

    /// `.some(nil)` for an empty field, `.some(value)` for `=value`, nil for anything else.
    private static func optional(_ field: String) -> String?? {
        if field.isEmpty { return .some(nil) }
        guard field.hasPrefix("=") else { return nil }
        return .some(unescape(String(field.dropFirst())))
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func unescape(_ text: String) -> String {
        guard text.utf8.contains(0x25) else { return text }
        return text.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }
}
