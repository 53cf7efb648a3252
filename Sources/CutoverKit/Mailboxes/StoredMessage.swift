import CutoverFormats

/// A message in an account's folder: a file of its own, or (mbox) a byte range of a file holding many; with what
/// a copy into another layout needs to keep (flags, arrival time).
struct StoredMessage: Sendable, Codable, Equatable {
    /// Path inside the account folder, e.g. "cur/1700000000.M1P1.host:2,S", ".Sent/new/…" or "INBOX" (mbox).
    var relativePath: String
    /// The message's bytes within an mbox file; nil when the message is the whole file.
    var range: Range<Int>?
    var identity: MessageIdentity
    /// Maildir flags ("RS"); "" when seen but unflagged, nil when new (Maildir `new/`, mbox without `Status`).
    var flags: String?
    /// Seconds since 1970 it arrived: the file's modification time, or the mbox "From " line's date.
    var received: Double

    /// Reads the messages of one file's content. `modificationTime` stands in for an mbox date that is missing.
    static func parse(_ bytes: [UInt8], relativePath: String, layout: MailboxLayoutKind,
                      modificationTime: Double) -> [StoredMessage] {
        guard layout == .mbox else {
            return [file(relativePath: relativePath, layout: layout, identity: .of(bytes[...], fromMbox: false),
                         received: modificationTime)]
        }
        return Mbox.messageRanges(in: bytes).map { range in
            let message = bytes[range]
            return StoredMessage(relativePath: relativePath, range: range, identity: .of(message, fromMbox: true),
                                 flags: Mbox.maildirFlags(of: message),
                                 received: Mbox.receivedTime(of: message).map(Double.init) ?? modificationTime)
        }
    }

    /// The message that is the whole file `relativePath` of a Maildir or msgdir folder, its identity known.
    static func file(relativePath: String, layout: MailboxLayoutKind, identity: MessageIdentity,
                     received: Double) -> StoredMessage {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        let flags = layout == .maildir && !relativePath.hasPrefix("new/") && !relativePath.contains("/new/")
            ? MaildirName.flags(of: name) ?? "" : nil
        return StoredMessage(relativePath: relativePath, range: nil, identity: identity, flags: flags,
                             received: received)
    }

    /// Where this message is named in reports: its file, and for an mbox message its position in the file.
    func location(in folder: String) -> String {
        folder + "/" + relativePath + (range.map { " (bytes \($0.lowerBound)–\($0.upperBound))" } ?? "")
    }
}
