/// Maildir file names: the flags after ":2,", and names for messages that arrive from another layout.
public enum MaildirName {
    /// The flags of a Maildir file name ("1700.M1P2.host:2,RS" → "RS"); nil when the name has no ":2," part.
    public static func flags(of name: String) -> String? {
        guard let colon = name.lastIndex(of: ":"), name[colon...].hasPrefix(":2,") else { return nil }
        return String(name[colon...].dropFirst(3))
    }

    /// Where a message that was not a Maildir file goes in a Maildir: `new/` when it has no flags (nil), else
    /// `cur/` with them. The name (`time.M0P0_digest.cutover`, time the message's arrival) follows the usual
    /// "time.unique.host" shape and comes from the digest, so every run picks the same one.
    public static func path(digest: String, time: Int, flags: String?) -> String {
        let name = "\(time).M0P0_\(digest.prefix(20)).cutover"
        guard let flags else { return "new/" + name }
        return "cur/" + name + ":2," + flags
    }
}
