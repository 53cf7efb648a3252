import Foundation

/// An IMAP session (LOGIN, SELECT INBOX, LOGOUT) over plain TCP: enough to read UIDVALIDITY and the message count.
public final class IMAPClient {
    private let connection: LineConnection
    private var tagNumber = 0
    /// The server's greeting, e.g. "* OK [CAPABILITY ...] Dovecot ready."
    public let greeting: String

    public struct Mailbox: Equatable, Sendable {
        public var uidValidity: UInt32
        public var exists: Int
    }

    public init(host: String = "127.0.0.1", port: Int) throws {
        connection = try LineConnection(host: host, port: port)
        greeting = try connection.readLine()
        guard greeting.hasPrefix("* OK") else { throw MailClientError.rejected(greeting) }
    }

    /// LOGIN with both arguments quoted; false when the server answers NO.
    public func login(_ user: String, _ password: String) throws -> Bool {
        let (status, _) = try command("LOGIN \(Self.quoted(user)) \(Self.quoted(password))")
        return status.hasPrefix("OK")
    }

    /// SELECT INBOX: its UIDVALIDITY and how many messages it holds.
    public func selectInbox() throws -> Mailbox {
        let (status, untagged) = try command("SELECT INBOX")
        guard status.hasPrefix("OK") else { throw MailClientError.rejected(status) }
        var mailbox = Mailbox(uidValidity: 0, exists: 0)
        for line in untagged {
            if let range = line.range(of: "[UIDVALIDITY ") {
                let digits = line[range.upperBound...].prefix { $0.isNumber }
                mailbox.uidValidity = UInt32(digits) ?? 0
            } else if line.hasSuffix(" EXISTS") {
                mailbox.exists = Int(line.dropFirst(2).prefix { $0.isNumber }) ?? 0
            }
        }
        guard mailbox.uidValidity != 0 else { throw MailClientError.protocolError("no UIDVALIDITY in \(untagged)") }
        return mailbox
    }

    public func logout() throws {
        _ = try? command("LOGOUT")
    }

    /// Logs in, selects INBOX and logs out; nil when the login is refused.
    public static func inbox(port: Int, user: String, password: String) throws -> Mailbox? {
        let client = try IMAPClient(port: port)
        defer { try? client.logout() }
        guard try client.login(user, password) else { return nil }
        return try client.selectInbox()
    }

    /// Sends a tagged command; returns the tagged status (after the tag) and the untagged lines before it.
    private func command(_ text: String) throws -> (String, [String]) {
        tagNumber += 1
        let tag = "a\(tagNumber)"
        try connection.send("\(tag) \(text)")
        var untagged: [String] = []
        while true {
            let line = try connection.readLine()
            if line.hasPrefix(tag + " ") { return (String(line.dropFirst(tag.count + 1)), untagged) }
            untagged.append(line)
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
