/// Maildir file names: `<unique>:2,<flags>` in `cur/`, `<unique>` in `new/`. The unique part is the message's
/// identity to the mail server (POP3 UIDL, the key in `dovecot-uidlist`); flags change, it must not.
public enum MaildirFileName {
    /// The part of `fileName` before the `:2,` (or `,`-separated Dovecot `,S=`/`,W=` size fields).
    public static func uniquePart(of fileName: String) -> String {
        var unique = Substring(fileName)
        if let colon = unique.firstRange(of: ":2,") { unique = unique[..<colon.lowerBound] }
        // Dovecot may append ",S=<size>,W=<vsize>" to the unique name; those are attributes, not identity.
        if let comma = unique.firstIndex(of: ",") { unique = unique[..<comma] }
        return String(unique)
    }
}
