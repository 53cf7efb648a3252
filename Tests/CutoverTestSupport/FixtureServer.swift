import Foundation

/// Mail-server trees for tests, laid out the way `cutover` finds them on a host: the bundled demo, copied, or a
/// large generated one. Both come with a plan whose paths are relative, so the tree can live anywhere.
public enum FixtureServer {
    /// A written tree: its plan, and what the plan's import will do to each account.
    public struct Tree: Sendable {
        public let planPath: String
        /// The folder holding the account index, the import list and `mail/`.
        public let serverPath: String
        public let kept: [String]
        public let changed: [String]
        public let removed: [String]
        public let added: [String]
    }

    /// The checkout this file belongs to (`Tests/CutoverTestSupport/FixtureServer.swift`, three levels down).
    public static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Copies `Plans/` and `Fixtures/demo-server/` side by side into `directory`, as `cutover demo` does.
    public static func copyDemo(to directory: String) throws -> Tree {
        let files = FileManager.default
        try files.createDirectory(atPath: directory + "/Fixtures", withIntermediateDirectories: true)
        try files.copyItem(atPath: checkout + "/Plans", toPath: directory + "/Plans")
        try files.copyItem(atPath: checkout + "/Fixtures/demo-server", toPath: directory + "/Fixtures/demo-server")
        // The outcome Fixtures/README.md documents.
        return Tree(planPath: directory + "/Plans/demo.json", serverPath: directory + "/Fixtures/demo-server",
                    kept: ["alice", "dave", "grace", "heidi"], changed: ["bob", "erin"], removed: ["carol", "frank"],
                    added: ["ivan", "judy"])
    }

    /// Writes a server of `accounts` accounts (`user0000`, ...) with `messagesPerAccount` messages each, an import
    /// list that keeps about 80%, changes 10% (half the password, half the full name), removes 10% (every other one
    /// with an old `~user` folder, forcing `~user.2`) and adds 10%, a transport map, a recipient map, an old side
    /// with a few stragglers and a few duplicates, and `plan.json` (no services). The same `seed` writes the same
    /// bytes. Passwords are precomputed SHA512-CRYPT hashes, so writing is fast; the import still verifies them.
    public static func makeLarge(at directory: String, accounts: Int, messagesPerAccount: Int,
                                 seed: UInt64) throws -> Tree {
        var random = SplitMix64(seed: seed)
        let writer = TreeWriter(root: directory)
        let width = max(4, String(accounts + accounts / 10).count)
        func id(_ number: Int) -> String {
            let digits = String(number)
            return "user" + String(repeating: "0", count: width - digits.count) + digits
        }
        var outcome = (kept: [String](), changed: [String](), removed: [String](), added: [String]())
        var passwd = ["# Dovecot passwd-file of the large test server"]
        var incoming = ["# FY2027 accounts"]
        var recipients = ["postmaster@other.example\tother.example/postmaster/"]
        for number in 0..<accounts {
            let user = id(number)
            let password = passwords[Int(random.next() % UInt64(passwords.count))]
            let name = number % 10 == 7 ? "" : "User \(number)"
            let extra = number % 3 == 0 ? ":quota_rule=*:storage=1G" : ""
            passwd.append("\(user)@example.jp:{SHA512-CRYPT}\(password.hash):5000:5000:\(name):"
                + "/srv/mail/example.jp/\(user):\(extra)")
            recipients.append("\(user)@example.jp\texample.jp/\(user)/")
            let mailbox = "mail/example.jp/\(user)"
            let names = try writer.maildir(mailbox, messages: messagesPerAccount, unique: number) { part in
                message(to: user, number: number, part: part, seed: seed)
            }
            switch random.next() % 100 {
            case 0..<80:
                outcome.kept.append(user)
                // Accounts without a name take turns at the three ways of writing no name.
                incoming.append(name.isEmpty ? ["\(user),\(password.plain)", "\(user),\(password.plain),",
                                                "\(user),\(password.plain), "][number / 10 % 3]
                                             : "\(user),\(password.plain),\(name)")
            case 80..<85:
                outcome.changed.append(user)
                incoming.append("\(user),Changed-\(number)-2027,\(name)")
            case 85..<90:
                outcome.changed.append(user)
                incoming.append("\(user),\(password.plain),利用者 \(number)")
            default:
                outcome.removed.append(user)
                if outcome.removed.count % 2 == 1 {
                    try writer.maildir("mail/example.jp/~\(user)", messages: 1, unique: number) { part in
                        message(to: user, number: number, part: part, seed: seed ^ 0x7E)
                    }
                }
                continue
            }
            // The old side, for some of the accounts that stay: a straggler, or a copy of a message already moved.
            if number % 97 == 5 {
                try writer.write("old-mail/example.jp/\(user)/new/1800000000.M\(number)P7.oldhost",
                                 message(to: user, number: number, part: messagesPerAccount + 1, seed: seed))
            } else if number % 89 == 3, let first = names.first {
                // Other flags, same bytes: the old server's copy of a message that was already moved across.
                try writer.copy("\(mailbox)/\(first)", to: "old-mail/example.jp/\(user)/"
                    + first.replacingOccurrences(of: ":2,S", with: ":2,RS"))
            }
        }
        for number in accounts..<(accounts + max(1, accounts / 10)) {
            outcome.added.append(id(number))
            incoming.append("\(id(number)),New-\(number)-2027,New User \(number)")
        }
        try writer.write("passwd", passwd.joined(separator: "\n") + "\n")
        try writer.write("accounts.txt", incoming.joined(separator: "\n") + "\n")
        try writer.write("vmailbox", recipients.joined(separator: "\n") + "\n")
        try writer.write("transport", "# Postfix transport(5) map\n\nexample.jp\tsmtp:[192.0.2.10]:25\n"
            + "other.example\tsmtp:[198.51.100.7]:25\n")
        try writer.write("plan.json", plan(seed: seed))
        // The old side exists even when no account drew a straggler, as on a real old server.
        try FileManager.default.createDirectory(atPath: directory + "/old-mail/example.jp",
                                                withIntermediateDirectories: true)
        return Tree(planPath: directory + "/plan.json", serverPath: directory, kept: outcome.kept,
                    changed: outcome.changed, removed: outcome.removed, added: outcome.added)
    }

    /// `openssl passwd -6 -salt largeN Large-pass-N`, computed once: hashing here would dominate the test's time.
    private static let passwords: [(plain: String, hash: String)] = [
        ("Large-pass-1",
         "$6$large1$09NhOy5ViUfIP4bhLSBeNHXEpGdWL0GQAOS7KAVEBKNM5Ad.DaZdWGHm5GMtki7Wvr0xE2BTb3QUllbWJvatS/"),
        ("Large-pass-2",
         "$6$large2$7CA8dB6jIvMVHKIad5Iz4eHtFri8asZ6aBfXyqyjvTLAHqDTL/i.uIHzKqO8wkSZ2GvdIk3Fnnex9u78m2bpr0"),
        ("Large-pass-3",
         "$6$large3$D1/jMUw3uojcEwLwG44OTHetCg1KWfz14zE4hgs.Vv3dUdD.9ImOxPLpeMeW5tCd/pU8ZATw5u3Q2jscXN1/d."),
        ("Large-pass-4",
         "$6$large4$qYg1GJA5mZbXt2PeNyXlv6KoOiMQAWD2kkJ/CpdNGBV0gNaZr3ehjvU.7NKZQ9gjuB3AnP35VCL0JZfA3SPUh0"),
    ]

    private static func message(to user: String, number: Int, part: Int, seed: UInt64) -> String {
        let stamp = 1_700_000_000 + number * 600 + part * 7
        return "Message-ID: <\(stamp).\(user).\(part).\(seed)@large.example.jp>\n"
            + "Date: \(rfc5322Date(stamp))\nFrom: Sender \(part) <sender\(part)@partner.example>\n"
            + "To: <\(user)@example.jp>\nSubject: Message \(part) for \(user)\n\n"
            + "Hello \(user),\n\nthis is message \(part) of the large test server (seed \(seed)).\n"
    }

    /// RFC 5322 date in UTC, computed by hand: a formatter per message would cost more than the writing.
    private static func rfc5322Date(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(parts.tm_mday) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    private static func plan(seed: UInt64) throws -> String {
        let plan: [String: Any] = [
            "version": 1, "name": "large test server (seed \(seed))", "stateDir": "state", "domain": "example.jp",
            "services": [],
            "accounts": ["index": ["path": "passwd", "format": "passwd-file"],
                         "import": ["path": "accounts.txt", "format": "userlist"],
                         "passwordScheme": "SHA512-CRYPT",
                         "recipientMap": ["path": "vmailbox", "format": "postfix-vmailbox"]],
            "mailboxes": ["root": "mail", "layout": "maildir", "pathTemplate": "%d/%n", "removedPrefix": "~",
                          "createForNewAccounts": true],
            "routes": ["path": "transport", "format": "postfix-transport",
                       "set": ["example.jp": "smtp:[192.0.2.20]:25"]],
            "stragglers": ["source": ["root": "old-mail", "layout": "maildir", "pathTemplate": "%d/%n"],
                           "move": true],
        ]
        let data = try JSONSerialization.data(withJSONObject: plan,
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Writes files under one root with plain system calls: FileManager's per-call overhead would triple the time of
/// a 1,000-account tree.
private struct TreeWriter {
    let root: String

    /// Writes `text` to `relative`, creating its folder first when `createFolder` (a Maildir's already exist).
    func write(_ relative: String, _ text: String, createFolder: Bool = true) throws {
        let path = root + "/" + relative
        if createFolder { try makeFolders((path as NSString).deletingLastPathComponent) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create", path) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else { throw failure("write", path) }
    }

    func copy(_ relative: String, to destination: String) throws {
        try write(destination, try String(contentsOfFile: root + "/" + relative, encoding: .utf8))
    }

    /// A Maildir with `cur/ new/ tmp/` and `messages` messages, the last one unread in `new/`; returns their paths
    /// relative to the Maildir. `unique` goes into the Maildir names, which must not repeat across the server.
    @discardableResult
    func maildir(_ relative: String, messages: Int, unique: Int, content: (Int) -> String) throws -> [String] {
        for folder in ["", "/cur", "/new", "/tmp"] { try makeFolders(root + "/" + relative + folder) }
        return try (0..<messages).map { part in
            let unread = part == messages - 1 && messages > 1
            let name = (unread ? "new/" : "cur/") + "\(1_700_000_000 + part).M\(part)P\(unique).large"
                + (unread ? "" : ":2,S")
            try write(relative + "/" + name, content(part), createFolder: false)
            return name
        }
    }

    /// `mkdir -p`, mode 0755.
    private func makeFolders(_ path: String) throws {
        guard mkdir(path, 0o755) != 0, errno != EEXIST else { return }
        guard errno == ENOENT else { throw failure("create the folder", path) }
        try makeFolders((path as NSString).deletingLastPathComponent)
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure("create the folder", path) }
    }

    private func failure(_ operation: String, _ path: String) -> Error {
        let message = "cannot \(operation) \(path): " + String(cString: strerror(errno))
        return CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: message])
    }
}
