/// Sends one message over plain SMTP (no TLS, no AUTH): enough to deliver test mail to a loopback Postfix.
public enum SMTPClient {
    /// Delivers `message` (header and body, lines separated by "\n") from `sender` to `recipients`;
    /// returns the server's reply to the end of DATA ("250 2.0.0 Ok: queued as ...").
    @discardableResult
    public static func send(host: String = "127.0.0.1", port: Int, from sender: String, to recipients: [String],
                            message: String) throws -> String {
        let connection = try LineConnection(host: host, port: port)
        try expect(connection, "220")
        try command(connection, "EHLO client.mailstack.test", "250")
        try command(connection, "MAIL FROM:<\(sender)>", "250")
        for recipient in recipients { try command(connection, "RCPT TO:<\(recipient)>", "250") }
        try command(connection, "DATA", "354")
        var data = ""
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            data += (line.hasPrefix(".") ? "." : "") + line + "\r\n"
        }
        try connection.write(Array((data + ".\r\n").utf8))
        let queued = try expect(connection, "250")
        _ = try? command(connection, "QUIT", "221")
        return queued
    }

    @discardableResult
    private static func command(_ connection: LineConnection, _ line: String, _ code: String) throws -> String {
        try connection.send(line)
        return try expect(connection, code)
    }

    /// Reads a (possibly multi-line) reply and requires its code.
    @discardableResult
    private static func expect(_ connection: LineConnection, _ code: String) throws -> String {
        var line = try connection.readLine()
        while line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { line = try connection.readLine() }
        guard line.hasPrefix(code) else { throw MailClientError.rejected(line) }
        return line
    }
}
