import CutoverKit
import Foundation

/// A small server tree written by a test, with a plan beside it: the engine's unit tests run on this.
/// Passwords use `FakeHasher`'s `{FAKE}` form so no test waits for crypt.
public struct MiniServer {
    public let root: String
    public var planPath: String { root + "/plan.json" }

    /// `index`: id → (password, full name); `incoming`: the userlist's lines; `mailboxes`: id → message count.
    public init(in root: String, index: [(String, String, String)], incoming: String,
                mailboxes: [String: Int], extraPlan: [String: Any] = [:]) throws {
        self.root = root
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/mail/example.jp", withIntermediateDirectories: true)
        let passwd = index.map { id, password, name in
            "\(id)@example.jp:{FAKE}1$\(String(password.reversed())):5000:5000:\(name):/srv/mail/example.jp/\(id)::"
        }.joined(separator: "\n") + "\n"
        try write("passwd", "# accounts\n" + passwd)
        try write("accounts.txt", incoming)
        try write("transport", "# routes\nexample.jp\tsmtp:[192.0.2.10]:25\nother.example smtp:[198.51.100.7]\n")
        for (id, count) in mailboxes {
            for part in ["cur", "new", "tmp"] {
                try files.createDirectory(atPath: root + "/mail/example.jp/\(id)/\(part)", withIntermediateDirectories: true)
            }
            for number in 0..<count {
                try write("mail/example.jp/\(id)/cur/17000000\(number).M\(number)P1.mini:2,S", Self.message(id, number))
            }
        }
        var plan: [String: Any] = [
            "version": 1, "name": "mini", "stateDir": "state", "domain": "example.jp", "services": [],
            "accounts": ["index": ["path": "passwd", "format": "passwd-file"],
                         "import": ["path": "accounts.txt", "format": "userlist"]],
            "mailboxes": ["root": "mail", "layout": "maildir", "pathTemplate": "%d/%n", "createForNewAccounts": true],
            "routes": ["path": "transport", "format": "postfix-transport", "set": ["example.jp": "smtp:[192.0.2.20]:25"]],
        ]
        plan.merge(extraPlan) { _, new in new }
        try write("plan.json", String(decoding: try JSONSerialization.data(withJSONObject: plan, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
    }

    public func write(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }

    public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: root + "/" + relative) }

    public static func message(_ id: String, _ number: Int, body: String = "hello") -> String {
        "Message-ID: <\(number).\(id)@mini.example>\r\nFrom: a@b.example\r\nTo: \(id)@example.jp\r\n"
            + "Subject: \(number)\r\n\r\n\(body) \(number)\r\n"
    }
}
