/// "The same message" across servers and storage formats: its Message-ID plus a digest of its canonical form
/// (see `MessageCanonicalForm`). The digest covers the Message-ID field too, so it alone decides a match; the
/// Message-ID is kept for people reading the ledger and reports. A message without one is matched by digest alone.
public struct MessageIdentity: Sendable, Hashable, Codable {
    public var messageID: String?
    public var digest: String

    public init(messageID: String?, digest: String) {
        self.messageID = messageID
        self.digest = digest
    }

    /// The identity of one stored message: a whole Maildir or msgdir file, or one message cut out of an mbox file
    /// (`fromMbox`: its "From " line, mboxrd quoting and the blank line before the next message are not content).
    public static func of(_ message: ArraySlice<UInt8>, fromMbox: Bool) -> MessageIdentity {
        MessageIdentity(messageID: MessageHeader.messageID(in: message),
                        digest: SHA256.hexDigest(MessageCanonicalForm.bytes(of: message, fromMbox: fromMbox)))
    }
}
