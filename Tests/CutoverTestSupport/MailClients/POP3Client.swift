/// A POP3 session (USER/PASS, UIDL, QUIT) over plain TCP, as a "leave mail on server" client uses it.
public final class POP3Client {
    private let connection: LineConnection
    /// The server's greeting, e.g. "+OK Dovecot ready."
    public let greeting: String

    public init(host: String = "127.0.0.1", port: Int) throws {
        connection = try LineConnection(host: host, port: port)
        greeting = try connection.readLine()
        guard greeting.hasPrefix("+OK") else { throw MailClientError.rejected(greeting) }
    }

    /// USER then PASS; false when the server refuses the credentials.
    public func login(_ user: String, _ password: String) throws -> Bool {
        try connection.send("USER \(user)")
        guard try connection.readLine().hasPrefix("+OK") else { return false }
        try connection.send("PASS \(password)")
        return try connection.readLine().hasPrefix("+OK")
    }

    /// The unique ids of every message, in message-number order.
    public func uidl() throws -> [String] {
        try connection.send("UIDL")
        let status = try connection.readLine()
        guard status.hasPrefix("+OK") else { throw MailClientError.rejected(status) }
        var ids: [String] = []
        while true {
            let line = try connection.readLine()
            if line == "." { return ids }
            let fields = line.split(separator: " ")
            guard fields.count == 2 else { throw MailClientError.protocolError("bad UIDL line: \(line)") }
            ids.append(String(fields[1]))
        }
    }

    public func quit() throws {
        try connection.send("QUIT")
        _ = try? connection.readLine()
    }

    /// Logs in, lists UIDLs and quits; nil when the login is refused.
    public static func uidls(port: Int, user: String, password: String) throws -> [String]? {
        let client = try POP3Client(port: port)
        defer { try? client.quit() }
        guard try client.login(user, password) else { return nil }
        return try client.uidl()
    }
}
