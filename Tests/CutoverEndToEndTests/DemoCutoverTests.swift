import CutoverFormats
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// The bundled demo, cut over by the built binary exactly as the README's command does it.
@Suite("demo cutover, end to end", .serialized)
struct DemoCutoverTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `cutover demo` copies the fixture, cuts it over with its daemons really stopped and started, runs again
    /// with no change, and leaves a tree whose every part is as the plan says.
    @Test func demoCutsOverTheFixture() throws {
        let scratch = try TemporaryDirectory()
        defer { stopDaemons(scratch.path + "/demo"); scratch.remove() }
        let result = try CutoverBinary.run(["demo", "--into", scratch.path + "/demo"], in: Self.checkout)
        #expect(result.status == 0, "\(result.all)")
        let server = scratch.path + "/demo/Fixtures/demo-server"
        let mail = server + "/mail/example.jp"

        // Services: stopped during the run, answering after it.
        #expect(result.stdout.contains("stop-services [applied]"))
        #expect(result.stdout.contains("start-services [applied]"))
        for (port, greeting) in [(52525, "220"), (52110, "+OK"), (52143, "* OK")] {
            guard case .banner(let line) = TCPPortProbe().probe(host: "127.0.0.1", port: port, timeoutSeconds: 3) else {
                Issue.record("port \(port) does not answer")
                continue
            }
            #expect(line.hasPrefix(greeting))
        }

        // Accounts: removed gone, added present, passwords verify, kept hashes untouched.
        let passwd = try PasswdFile.parse(try FileReading.text(server + "/passwd"), file: "passwd")
        let users = Set(passwd.entries.map(\.userID))
        #expect(users == ["alice", "bob", "dave", "erin", "grace", "heidi", "ivan", "judy"])
        let original = try PasswdFile.parse(try FileReading.text(Self.checkout + "/Fixtures/demo-server/passwd"), file: "passwd")
        let incoming = try UserList.parse(try FileReading.text(server + "/accounts-2027.txt"), file: "import")
        let hasher = CryptPasswordHasher()
        for account in incoming {
            let entry = try #require(passwd.entries.first { $0.userID == account.userID })
            #expect(hasher.verify(account.password, against: entry.password) == true, "\(account.userID)")
            #expect(entry.gecos == account.fullName)
        }
        for kept in ["alice", "dave"] {
            #expect(passwd.entries.first { $0.userID == kept }?.password == original.entries.first { $0.userID == kept }?.password)
        }
        #expect(passwd.entries.first { $0.userID == "ivan" }?.password.hasPrefix("{SHA512-CRYPT}$6$") == true)

        // Mailboxes: removed renamed with the collision rule, content unchanged; new ones created.
        #expect(FileManager.default.fileExists(atPath: mail + "/~carol.2"))
        #expect(FileManager.default.fileExists(atPath: mail + "/~frank"))
        #expect(!FileManager.default.fileExists(atPath: mail + "/carol"))
        #expect(FileManager.default.fileExists(atPath: mail + "/judy/new"))
        let fixtureMail = Self.checkout + "/Fixtures/demo-server/mail/example.jp"
        #expect(try TreeDigest.of(mail + "/~carol.2") == TreeDigest.of(fixtureMail + "/carol"))
        #expect(try TreeDigest.of(mail + "/dave") == TreeDigest.of(fixtureMail + "/dave"))

        // Routes: the domain rewired, everything else byte for byte.
        let transport = try FileReading.text(server + "/transport")
        let before = try FileReading.text(Self.checkout + "/Fixtures/demo-server/transport")
        #expect(transport == before.replacingOccurrences(of: "smtp:[192.0.2.10]:25", with: "smtp:[192.0.2.20]:25"))

        // Journal: all seven completed in the first run; the second run skipped every step.
        let journal = try FileReading.text(scratch.path + "/demo/Plans/demo-state/journal.jsonl")
        for step in ["stop-services", "snapshot", "import-accounts", "rename-removed", "rewire-routes",
                     "verify-stragglers", "start-services"] {
            #expect(journal.contains(#""event":"completed""#) && journal.contains(#""step":"\#(step)""#))
        }
        let lastRun = journal.split(separator: "\n").suffix(7)
        #expect(lastRun.allSatisfy { $0.contains(#""event":"skipped""#) }, "\(lastRun)")

        // Stragglers: the late message moved once, the late duplicate not copied, the old side emptied of both.
        let moved = mail + "/alice/new/1700900000.M2P900.oldhost"
        #expect(try FileReading.text(moved) == FileReading.text(Self.checkout + "/Fixtures/demo-server/late-mail/example.jp/alice/new/1700900000.M2P900.oldhost"))
        #expect(FileManager.default.fileExists(atPath: mail + "/bob/new/1700900600.M0P900.oldhost"))
        #expect(!FileManager.default.fileExists(atPath: mail + "/alice/new/1700910000.M3P900.oldhost"))
        #expect(!FileManager.default.fileExists(atPath: server + "/old-mail/example.jp/alice/new/1700900000.M2P900.oldhost"))
        #expect(!FileManager.default.fileExists(atPath: server + "/old-mail/example.jp/alice/new/1700910000.M3P900.oldhost"))

        // The audit closes the demo with no error; its own renderings are pinned by the audit's tests.
        let audit = try #require(result.stdout.range(of: "$ cutover audit "))
        #expect(result.stdout[audit.lowerBound...].contains("result     OK: no errors"))

        // What the operator reads (preview, run report, sweep, status) is pinned.
        let transcript = Self.normalized(String(result.stdout[..<audit.lowerBound]), scratch: scratch.path + "/demo")
        #expect(throws: Never.self) { try GoldenFile.verify(transcript, named: "demo-transcript.txt") }
    }

    /// The transcript without what differs between runs: the scratch folder, fingerprints, ids and times.
    static func normalized(_ text: String, scratch: String) -> String {
        var text = text.replacingOccurrences(of: scratch, with: "$DEMO")
        for (pattern, replacement) in [(#"fingerprint: [0-9a-f]{16}"#, "fingerprint: <fingerprint>"),
                                       (#"snapshots/[0-9]+"#, "snapshots/<id>"),
                                       (#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"#, "<time>")] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    private func stopDaemons(_ demo: String) {
        for name in ["smtp", "pop3", "imap"] {
            _ = try? CutoverBinary.run(["demo-service", "stop", "--pid-file", demo + "/Fixtures/demo-server/run/\(name).pid"])
        }
    }
}
