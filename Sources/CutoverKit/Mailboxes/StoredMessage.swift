import CutoverFormats
import CutoverSystem

/// A message in an account's folder: a file of its own, or (mbox) a byte range of a file holding many.
struct StoredMessage: Sendable {
    /// Path inside the account folder, e.g. "cur/1700000000.M1P1.host:2,S", ".Sent/new/…" or "INBOX" (mbox).
    var relativePath: String
    var size: Int64
    /// The message's bytes within an mbox file; nil when the message is the whole file.
    var range: Range<Int>? = nil

    /// Message-ID and content digest: together they say "the same message" across servers.
    func identity(in folder: String) throws -> MessageIdentity {
        let path = folder + "/" + relativePath
        guard let range else {
            let (digest, _) = try FileReading.digest(path)
            return MessageIdentity(messageID: MessageHeader.messageID(in: try MessageHead.read(path)), digest: digest)
        }
        let bytes = try FileReading.bytes(path)[range]
        return MessageIdentity(messageID: MessageHeader.messageID(in: bytes), digest: Self.mboxDigest(bytes))
    }

    /// An mbox message's digest without its trailing line ends: the blank line that separates it from the next
    /// message appears only once one is appended, and must not make it look like another message.
    static func mboxDigest(_ bytes: ArraySlice<UInt8>) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return SHA256.hexDigest(bytes[bytes.startIndex..<end])
    }
}

struct MessageIdentity: Sendable, Hashable {
    var messageID: String?
    var digest: String
}
