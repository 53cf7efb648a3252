import CutoverSystem
import CutoverTestSupport
import Foundation
import Glibc
import Testing

extension Tag {
    /// Tests that install and start real Postfix and Dovecot servers on loopback (root, Debian packages).
    @Tag static var liveServers: Self
}

/// `cutover` on real servers: Debian's Postfix and Dovecot, an "old" and a "new" server on loopback, driven by
/// `Plans/postfix-dovecot.json`, checked with real SMTP, POP3 and IMAP clients and the servers' own tools.
@Suite("live Postfix + Dovecot cutover", .tags(.liveServers), .serialized,
       .enabled(if: LiveStack.canRun, "needs root, and Postfix and Dovecot installed or apt-get to install them"))
struct LiveServerTests {
    typealias Stack = LiveStack
    static let old = LiveStack.old
    static let new = LiveStack.new

    /// Kept (alice, erin), changed password (bob), removed (carol, dave), added (frank, grace).
    static let oldAccounts = [("alice", "alice-2026", "Alice Kept"), ("bob", "bob-2026", "Bob Changed"),
                              ("carol", "carol-2026", "Carol Removed"), ("dave", "dave-2026", "Dave Removed"),
                              ("erin", "erin-2026", "Erin Kept")]
    static let importList = """
        alice,alice-2026,Alice Kept
        bob,bob-2027,Bob Changed
        erin,erin-2026,Erin Kept
        frank,frank-2027,Frank New
        grace,grace-2027,

        """
    static let newPasswords = ["alice": "alice-2026", "bob": "bob-2027", "erin": "erin-2026",
                               "frank": "frank-2027", "grace": "grace-2027"]
    static let oldPasswords = Dictionary(uniqueKeysWithValues: oldAccounts.map { ($0.0, $0.1) })
    static let mailBefore = ["alice": 2, "bob": 1, "carol": 2, "dave": 1, "erin": 1]

    /// The whole cutover on the live pair: services really down around the snapshot and back after, accounts,
    /// renamed Maildirs, rewired relay, stragglers from the Maildir and the queue exactly once, POP3 UIDLs and IMAP
    /// UIDVALIDITY unchanged, journal complete, and a second run that changes nothing.
    @Test(.timeLimit(.minutes(5))) func cutsOverTheLivePair() throws {
        let clock = PhaseClock()
        try Stack.startFresh()
        defer { try? Stack.stop() }
        clock.mark("install + start of both servers")
        let (uidls, validity) = try prepareOldServerAndPreMigrate()
        // Delivered to the old server after the pre-migration and before the run: the new server is behind (field
        // note 13), and the cutover must bring this one across although the snapshot already holds it.
        try SMTPClient.send(port: Self.old.smtp, from: "sender@outside.test", to: ["bob@example.jp"],
                            message: Stack.message(to: "bob", id: "before-run@outside.test", subject: "before the run"))
        try #require(Stack.wait(upTo: 30) { Stack.count("before-run@outside.test", in: Self.old.maildir("bob")) == 1 },
                     "\(Self.logs())")
        clock.mark("accounts, mail over SMTP, pre-migration")

        // 1. Stop, and see every stopped port refuse before and after the snapshot. The old Postfix stays up: it
        //    holds the queue the straggler step lists and flushes.
        let stopped = try CutoverBinary.run(["run", Stack.plan, "--only", "stop-services"])
        #expect(stopped.status == 0, "\(stopped.all)")
        try expectStoppedPorts()
        let snapshot = try CutoverBinary.run(["run", Stack.plan, "--only", "snapshot"])
        #expect(snapshot.status == 0, "\(snapshot.all)")
        try expectStoppedPorts()

        // A straggler written straight into the old Maildir after the snapshot.
        let straggler = "1795500000.M1P4242.old.mailstack.test"
        let stragglerPath = Self.old.maildir("alice") + "/new/" + straggler
        try Stack.message(to: "alice", id: "straggler-file@outside.test", subject: "late file")
            .write(toFile: stragglerPath, atomically: false, encoding: .utf8)
        try Shell.require(["chown", "vmail:vmail", stragglerPath])

        clock.mark("stop-services and snapshot")
        let run = try CutoverBinary.run(["run", Stack.plan])
        clock.mark("cutover run (remaining steps)")
        Self.show("cutover run", run)
        #expect(run.status == 0, "\(run.all)")
        #expect(run.stdout.contains("1 queued messages for example.jp"), "\(run.stdout)")

        // 1. Everything answers again.
        for side in [Self.old, Self.new] {
            for (port, greeting) in side.ports {
                guard case .banner(let line) = TCPPortProbe().probe(host: "127.0.0.1", port: port, timeoutSeconds: 3) else {
                    Issue.record("\(side.name) port \(port) does not answer after the cutover")
                    continue
                }
                #expect(line.hasPrefix(greeting), "\(port): \(line)")
            }
        }

        // 4. Mail for the domain sent to the old server now reaches the new server's Maildir.
        let nexthop = try Shell.require(["postmap", "-c", Self.old.postfix, "-q", "example.jp", "hash:" + Self.old.transport])
        #expect(nexthop.trimmingCharacters(in: .whitespacesAndNewlines) == "smtp:[127.0.0.1]:43525")
        try SMTPClient.send(port: Self.old.smtp, from: "sender@outside.test", to: ["alice@example.jp"],
                            message: Stack.message(to: "alice", id: "after-cutover@outside.test", subject: "after"))
        // The held message was released and flushed while the new server was down; the old Postfix retries it.
        _ = try? Shell.run(["postqueue", "-c", Self.old.postfix, "-f"])
        #expect(Stack.wait(upTo: 30) { Stack.count("after-cutover@outside.test", in: Self.new.maildir("alice")) == 1 },
                "\(Self.logs())")
        #expect(Stack.count("after-cutover@outside.test", in: Self.old.maildir("alice")) == 0)

        // 5. Stragglers: the Maildir file and the held message are each in the new mailbox exactly once.
        #expect(Stack.wait(upTo: 30) { Stack.count("held@outside.test", in: Self.new.maildir("erin")) == 1 }, "\(Self.logs())")
        #expect(Stack.count("straggler-file@outside.test", in: Self.new.maildir("alice")) == 1)
        #expect(Stack.count("before-run@outside.test", in: Self.new.maildir("bob")) == 1)
        #expect(Stack.count("before-run@outside.test", in: Self.old.maildir("bob")) == 0)
        #expect(!FileManager.default.fileExists(atPath: stragglerPath))
        #expect(Stack.count("held@outside.test", in: Self.old.maildir("erin")) == 0)
        let queue = try Shell.require(["postqueue", "-c", Self.old.postfix, "-j"])
        #expect(queue.isEmpty, "old queue not empty: \(queue)")

        clock.mark("relayed and queued mail arrived")

        // 7. Every step completed once; a second run and a second straggler pass change nothing.
        let stateDir = Stack.root + "/state"
        let journal = try String(contentsOfFile: stateDir + "/journal.jsonl", encoding: .utf8)
        for step in ["stop-services", "snapshot", "import-accounts", "rename-removed", "rewire-routes",
                     "verify-stragglers", "start-services"] {
            let completed = journal.split(separator: "\n").filter {
                $0.contains(#""step":"\#(step)""#) && $0.contains(#""event":"completed""#)
            }
            #expect(completed.count == 1, "\(step): \(completed)")
        }
        let before = try Self.serverDigest()
        let again = try CutoverBinary.run(["run", Stack.plan])
        #expect(again.status == 0, "\(again.all)")
        let sweep = try CutoverBinary.run(["run", Stack.plan, "--only", "verify-stragglers"])
        #expect(sweep.status == 0, "\(sweep.all)")
        #expect(try Self.serverDigest() == before)
        let lastRuns = try String(contentsOfFile: stateDir + "/journal.jsonl", encoding: .utf8)
            .split(separator: "\n").filter { $0.contains(#""step":"#) }.suffix(8)
        #expect(lastRuns.allSatisfy { $0.contains(#""event":"skipped""#) }, "\(lastRuns)")

        clock.mark("second run and straggler pass")

        // 2. Accounts, seen by Dovecot itself and by real clients.
        let users = try #require(try FileStatus.ifExists(Self.new.users))
        #expect(users.mode & 0o7777 == 0o640 && users.uid == 0 && users.gid == getgrnam("dovecot")?.pointee.gr_gid,
                "the users file must stay root:dovecot 0640")
        let written = try String(contentsOfFile: Self.new.users, encoding: .utf8)
        for user in ["bob", "frank", "grace"] {
            #expect(written.contains("\n\(user)@example.jp:{SHA512-CRYPT}$6$"), "\(user)")
        }
        for (user, password) in Self.newPasswords {
            let auth = try Shell.run(["doveadm", "-c", Self.new.dovecotConf, "auth", "test", "\(user)@example.jp", password])
            #expect(auth.succeeded, "\(user): \(auth.output)")
            #expect(try POP3Client.uidls(port: Self.new.pop3, user: "\(user)@example.jp", password: password) != nil, "\(user)")
            #expect(try IMAPClient.inbox(port: Self.new.imap, user: "\(user)@example.jp", password: password) != nil, "\(user)")
        }
        for (user, password) in [("carol", "carol-2026"), ("dave", "dave-2026"), ("bob", "bob-2026")] {
            let auth = try Shell.run(["doveadm", "-c", Self.new.dovecotConf, "auth", "test", "\(user)@example.jp", password])
            #expect(!auth.succeeded, "\(user) still accepted: \(auth.output)")
            #expect(try POP3Client.uidls(port: Self.new.pop3, user: "\(user)@example.jp", password: password) == nil, "\(user)")
            #expect(try IMAPClient.inbox(port: Self.new.imap, user: "\(user)@example.jp", password: password) == nil, "\(user)")
        }

        // 3. Removed accounts' Maildirs renamed, every message intact (identical to the old server's copy).
        for user in ["carol", "dave"] {
            let renamed = Self.new.mail + "/example.jp/~" + user
            #expect(!FileManager.default.fileExists(atPath: Self.new.maildir(user)))
            #expect(Stack.messages(in: renamed).count == Self.mailBefore[user])
            #expect(try TreeDigest.of(renamed) == TreeDigest.of(Self.old.maildir(user)), "\(user)")
        }
        // New accounts' Maildirs exist, belong to vmail, and the new Postfix delivers into them.
        let vmail = try #require(getpwnam("vmail")?.pointee.pw_uid)
        for user in ["frank", "grace"] {
            let info = try FileStatus.ifExists(Self.new.maildir(user) + "/new")
            #expect(info?.uid == vmail, "\(user)'s Maildir is missing or not owned by vmail")
            try SMTPClient.send(port: Self.new.smtp, from: "sender@outside.test", to: ["\(user)@example.jp"],
                                message: Stack.message(to: user, id: "welcome-\(user)@outside.test", subject: "welcome"))
        }
        for user in ["frank", "grace"] {
            #expect(Stack.wait(upTo: 30) { Stack.count("welcome-\(user)@outside.test", in: Self.new.maildir(user)) == 1 },
                    "\(Self.logs())")
            let listed = try POP3Client.uidls(port: Self.new.pop3, user: "\(user)@example.jp", password: Self.newPasswords[user]!)
            #expect(listed?.count == 1, "\(user)")
        }

        // 6. No duplicate downloads: UIDLs of the old messages and UIDVALIDITY as the clients saw them before.
        for (user, seen) in uidls {
            let password = Self.newPasswords[user]!
            let now = try #require(try POP3Client.uidls(port: Self.new.pop3, user: "\(user)@example.jp", password: password))
            #expect(Array(now.prefix(seen.count)) == seen, "\(user): \(seen) → \(now)")
            let inbox = try #require(try IMAPClient.inbox(port: Self.new.imap, user: "\(user)@example.jp", password: password))
            #expect(inbox.uidValidity == validity[user], "\(user)")
        }
        clock.mark("logins, Maildirs, UIDLs")

        // 7. The audit the morning after: no error, and `postmap -q` answers the new nexthop.
        let audit = try CutoverBinary.run(["audit", Stack.plan, "--format", "json"])
        #expect(audit.status == 0, "\(audit.all)")
        #expect(audit.stdout.contains(#""lookup" : "smtp:[127.0.0.1]:43525""#), "\(audit.stdout)")
        // A kept account's message renamed under another unique name: every POP client would fetch it again.
        let snapshots = "/srv/cutover-live/state/snapshots"
        let newest = try #require(try FileManager.default.contentsOfDirectory(atPath: snapshots).sorted().last)
        let snapshotted = Set(Stack.messages(in: snapshots + "/" + newest + "/mailboxes/example.jp/alice").map(Self.uniqueName))
        let kept = try #require(Stack.messages(in: Self.new.maildir("alice")).first { snapshotted.contains(Self.uniqueName($0)) })
        let path = Self.new.maildir("alice") + "/" + kept
        let name = (path as NSString).lastPathComponent
        try FileManager.default.moveItem(atPath: path, toPath: (path as NSString).deletingLastPathComponent
            + "/1.renamed.by.hand" + Self.flags(of: name))
        let broken = try CutoverBinary.run(["audit", Stack.plan, "--format", "json"])
        #expect(broken.status == 4, "\(broken.all)")
        #expect(broken.stdout.contains(#""code" : "identity-changed""#), "\(broken.stdout)")
        clock.mark("audit")
    }

    /// A plan whose stop command misses the running Postfix (wrong config dir) fails at stop-services with a
    /// clear error and exit 1, before anything is copied or changed, and leaves every service answering.
    @Test(.timeLimit(.minutes(3))) func stopThatMissesPostfixChangesNothing() throws {
        let clock = PhaseClock()
        try Stack.startFresh()
        defer { try? Stack.stop() }
        clock.mark("install + start of both servers")
        _ = try prepareOldServerAndPreMigrate(sendMail: false)
        let folder = Stack.root + "/wrong-stop"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let plan = try Self.planWithWrongStop(stateDir: folder + "/state")
        try plan.write(to: URL(fileURLWithPath: folder + "/plan.json"))
        let before = try Self.serverDigest()

        let result = try CutoverBinary.run(["run", folder + "/plan.json"])
        clock.mark("cutover run that fails at stop-services")
        Self.show("cutover run with the wrong stop command", result)
        #expect(result.status == 1, "\(result.all)")
        #expect(result.all.contains("new-smtp is still up"), "\(result.all)")
        #expect(result.all.contains("127.0.0.1:43525 answers '220"), "\(result.all)")
        #expect(try Self.serverDigest() == before)
        let snapshots = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/state/snapshots")) ?? []
        #expect(snapshots.isEmpty, "\(snapshots)")
        for side in [Self.old, Self.new] {
            for (port, greeting) in side.ports {
                guard case .banner(let line) = TCPPortProbe().probe(host: "127.0.0.1", port: port, timeoutSeconds: 3) else {
                    Issue.record("\(side.name) port \(port) stopped answering")
                    continue
                }
                #expect(line.hasPrefix(greeting))
            }
        }
    }

    // MARK: - Setup

    /// Creates the accounts on the old server, delivers mail to them over SMTP (one message held in the queue),
    /// notes what POP3 and IMAP clients see, then copies accounts and Maildirs to the new server as an
    /// administrator's rsync would, and writes the import list. Returns UIDLs and UIDVALIDITY of alice, bob, erin.
    private func prepareOldServerAndPreMigrate(sendMail: Bool = true) throws -> ([String: [String]], [String: UInt32]) {
        let hasher = CryptPasswordHasher()
        var users = "# example.jp accounts\n"
        var vmailbox = ""
        for (user, password, name) in Self.oldAccounts {
            users += "\(user)@example.jp:\(try hasher.hash(password, scheme: .sha512Crypt)):::\(name):::\n"
            vmailbox += "\(user)@example.jp example.jp/\(user)/\n"
        }
        try Stack.overwrite(Self.old.users, with: users)
        try Stack.overwrite(Self.old.vmailbox, with: vmailbox)
        try Shell.require(["postmap", "-c", Self.old.postfix, "hash:" + Self.old.vmailbox])

        var uidls: [String: [String]] = [:]
        var validity: [String: UInt32] = [:]
        if sendMail {
            for (user, count) in Self.mailBefore {
                for number in 1...count {
                    try SMTPClient.send(port: Self.old.smtp, from: "sender@outside.test", to: ["\(user)@example.jp"],
                                        message: Stack.message(to: user, id: "\(user)-\(number)@outside.test",
                                                               subject: "\(user) \(number)"))
                }
            }
            let delivered = Stack.wait(upTo: 30) {
                Self.mailBefore.allSatisfy { Stack.messages(in: Self.old.maildir($0.key)).count == $0.value }
            }
            try #require(delivered, "mail not delivered on the old server: \(Self.logs())")
            // Held by the old server's header_checks: stays in its queue until the cutover releases it.
            try SMTPClient.send(port: Self.old.smtp, from: "sender@outside.test", to: ["erin@example.jp"],
                                message: Stack.message(to: "erin", id: "held@outside.test", subject: "held",
                                                       extraHeader: "X-Mailstack-Hold: yes"))
            let held = try Stack.wait(upTo: 10) {
                try Shell.require(["postqueue", "-c", Self.old.postfix, "-j"]).contains(#""queue_name": "hold""#)
            }
            try #require(held, "the held message is not in the old hold queue")
            for user in ["alice", "bob", "erin"] {
                let password = Self.oldPasswords[user]!
                let listed = try #require(try POP3Client.uidls(port: Self.old.pop3, user: "\(user)@example.jp", password: password))
                uidls[user] = listed
                validity[user] = try #require(try IMAPClient.inbox(port: Self.old.imap, user: "\(user)@example.jp", password: password)).uidValidity
                #expect(listed.count == Self.mailBefore[user])
            }
        }

        // Pre-migration: accounts and Maildirs copied with owners, modes, dovecot-uidlist and all.
        try Stack.overwrite(Self.new.users, with: users)
        try Stack.overwrite(Self.new.vmailbox, with: vmailbox)
        try Shell.require(["postmap", "-c", Self.new.postfix, "hash:" + Self.new.vmailbox])
        for user in try FileManager.default.contentsOfDirectory(atPath: Self.old.mail + "/example.jp") {
            try Shell.require(["cp", "-a", Self.old.maildir(user), Self.new.maildir(user)])
        }
        try Self.importList.write(toFile: Stack.root + "/accounts-2027.txt", atomically: true, encoding: .utf8)
        return (uidls, validity)
    }

    private func expectStoppedPorts() throws {
        for port in [Self.new.smtp, Self.new.pop3, Self.new.imap, Self.old.pop3, Self.old.imap] {
            #expect(TCPPortProbe().probe(host: "127.0.0.1", port: port, timeoutSeconds: 3) == .refused, "port \(port)")
        }
        guard case .banner(let line) = TCPPortProbe().probe(host: "127.0.0.1", port: Self.old.smtp, timeoutSeconds: 3) else {
            Issue.record("the old Postfix should stay up during the cutover")
            return
        }
        #expect(line.hasPrefix("220"))
    }

    /// Both servers' data: mail roots, account files and Postfix tables (not queues, logs or runtime state).
    /// A Maildir file's unique name: its file name up to the `:2,` flags.
    private static func uniqueName(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return String(name[..<(name.firstIndex(of: ":") ?? name.endIndex)])
    }

    /// The `:2,FLAGS` part of a Maildir file name, or nothing.
    private static func flags(of name: String) -> String {
        name.firstIndex(of: ":").map { String(name[$0...]) } ?? ""
    }

    private static func serverDigest() throws -> [String: String] {
        var digest: [String: String] = [:]
        for side in [old, new] {
            for (name, path) in [("mail", side.mail), ("postfix", side.postfix), ("dovecot", side.top + "/dovecot")] {
                for (key, value) in try TreeDigest.of(path) { digest["\(side.name)/\(name)/\(key)"] = value }
            }
        }
        return digest
    }

    /// The example plan with the new Postfix's stop command pointed at a config dir where no Postfix runs.
    private static func planWithWrongStop(stateDir: String) throws -> Data {
        var plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Stack.plan)))
            as? [String: Any])
        plan["stateDir"] = stateDir
        var services = try #require(plan["services"] as? [[String: Any]])
        services[0]["stop"] = ["postfix", "-c", "/srv/cutover-live/new/postfix-typo", "stop"]
        services[0]["timeoutSeconds"] = 3
        plan["services"] = services
        // The helper scripts are named relative to Plans/; this copy lives elsewhere.
        var routes = try #require(plan["routes"] as? [String: Any])
        var reload = try #require(routes["reload"] as? [String])
        reload[0] = Stack.checkout + "/Tests/LiveServers/postfix-remap"
        routes["reload"] = reload
        plan["routes"] = routes
        var stragglers = try #require(plan["stragglers"] as? [String: Any])
        var queue = try #require(stragglers["queue"] as? [String: Any])
        var flush = try #require(queue["flush"] as? [String])
        flush[0] = Stack.checkout + "/Tests/LiveServers/postfix-flush"
        queue["flush"] = flush
        stragglers["queue"] = queue
        plan["stragglers"] = stragglers
        return try JSONSerialization.data(withJSONObject: plan, options: [.prettyPrinted, .sortedKeys])
    }

    /// With LIVE_SHOW_OUTPUT set, prints what a `cutover` run printed (to read the real report in a CI log).
    private static func show(_ title: String, _ result: CutoverBinary.Result) {
        guard ProcessInfo.processInfo.environment["LIVE_SHOW_OUTPUT"] != nil else { return }
        print("[live] --- \(title): exit \(result.status)\n\(result.all)")
    }

    /// The servers' logs, for a failure message.
    private static func logs() -> String {
        [old, new].flatMap { side in
            ["postfix.log", "dovecot.log"].map { name in
                let text = (try? String(contentsOfFile: side.top + "/log/" + name, encoding: .utf8)) ?? ""
                return "--- \(side.name) \(name)\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }
}
