import CutoverFormats
import CutoverSystem

/// A message file in an account's folder.
struct StoredMessage: Sendable {
    /// Path inside the account folder, e.g. "cur/1700000000.M1P1.host:2,S" or ".Sent/new/…".
    var relativePath: String
    var size: Int64

    /// Message-ID and content digest: together they say "the same message" across servers.
    func identity(in folder: String) throws -> MessageIdentity {
        let path = folder + "/" + relativePath
        let (digest, _) = try FileReading.digest(path)
        return MessageIdentity(messageID: MessageHeader.messageID(in: try MessageHead.read(path)), digest: digest)
    }
}

struct MessageIdentity: Sendable, Hashable {
    var messageID: String?
    var digest: String
}
