/// Maildir file names: `<unique>:2,<flags>` in `cur/`, `<unique>` in `new/`. The unique part is the message's
/// identity to the mail server (POP3 UIDL, the key in `dovecot-uidlist`); flags change, it must not.
public enum MaildirFileName {
    /// The part of `fileName` before the `:2,` (or `,`-separated Dovecot `,S=`/`,W=` size fields).
    public static func uniquePart(of fileName: String) -> String {
        // Up to ":2," (the flags) and, before that, up to a ',' (Dovecot may append ",S=<size>,W=<vsize>", which
        // are attributes, not identity). Scanned as bytes: this runs once per message of every audited mailbox.
        let bytes = Array(fileName.utf8)
        var end = bytes.count
        for index in bytes.indices where index + 2 < bytes.count && bytes[index] == UInt8(ascii: ":")
            && bytes[index + 1] == UInt8(ascii: "2") && bytes[index + 2] == UInt8(ascii: ",") {
            end = index
            break
        }
        if let comma = bytes[..<end].firstIndex(of: UInt8(ascii: ",")) { end = comma }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
