import CutoverSystem
import CutoverTestSupport
import Foundation
import Glibc

/// The two live Postfix + Dovecot servers of `Tests/LiveServers/mailstack`, under the example plan's fixed root.
/// Paths and ports here must match `Plans/postfix-dovecot.json` and the script.
struct LiveStack {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let plan = checkout + "/Plans/postfix-dovecot.json"
    static let script = checkout + "/Tests/LiveServers/mailstack"
    static let root = "/srv/cutover-live"
    static let domain = "example.jp"

    struct Side {
        var name: String
        var smtp: Int
        var pop3: Int
        var imap: Int
        var top: String { LiveStack.root + "/" + name }
        var postfix: String { top + "/postfix" }
        var dovecotConf: String { top + "/dovecot/dovecot.conf" }
        var users: String { top + "/dovecot/users" }
        var vmailbox: String { postfix + "/vmailbox" }
        var transport: String { postfix + "/transport" }
        var mail: String { top + "/mail" }
        func maildir(_ user: String) -> String { mail + "/" + LiveStack.domain + "/" + user }
        var ports: [(Int, String)] { [(smtp, "220"), (pop3, "+OK"), (imap, "* OK")] }
    }

    static let old = Side(name: "old", smtp: 42525, pop3: 42110, imap: 42143)
    static let new = Side(name: "new", smtp: 43525, pop3: 43110, imap: 43143)

    /// Root, and the servers installed or apt-get to install them: without these the suite is skipped, saying why.
    static var canRun: Bool {
        geteuid() == 0 && ["/usr/sbin/postfix", "/usr/bin/apt-get"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Installs the packages (when missing), wipes whatever an earlier run left under the root, starts both servers.
    static func startFresh() throws {
        try Shell.require([script, "install"], timeoutSeconds: 600)
        try stop()
        try? FileManager.default.removeItem(atPath: root)
        try Shell.require([script, "start", root], timeoutSeconds: 120)
    }

    static func stop() throws {
        try Shell.require([script, "stop", root], timeoutSeconds: 120)
    }

    /// Replaces a file's content in place, so its owner and mode (root:dovecot 0640 for users files) stay.
    static func overwrite(_ path: String, with text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Every message file (cur/ and new/) of a Maildir, by relative path.
    static func messages(in maildir: String) -> [String] {
        ["cur", "new"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: maildir + "/" + folder)) ?? []).map { folder + "/" + $0 }
        }.sorted()
    }

    /// How many messages of a Maildir carry `messageID` in their header.
    static func count(_ messageID: String, in maildir: String) -> Int {
        messages(in: maildir).filter { file in
            (try? String(contentsOfFile: maildir + "/" + file, encoding: .utf8))?.contains("Message-ID: <\(messageID)>") == true
        }.count
    }

    /// Polls `condition` every 0.2 s until it holds or `seconds` pass.
    static func wait(upTo seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if try condition() { return true }
            if Date() > deadline { return false }
            usleep(200_000)
        }
    }

    /// A test message with a fixed Message-ID, so it can be found again wherever it lands.
    static func message(to user: String, id: String, subject: String, extraHeader: String? = nil) -> String {
        var lines = ["From: sender@outside.test", "To: \(user)@\(domain)", "Subject: \(subject)",
                     "Message-ID: <\(id)>", "Date: Mon, 23 Nov 2026 10:00:00 +0000"]
        if let extraHeader { lines.append(extraHeader) }
        return (lines + ["", "Body of \(subject).", ".leading dot survives", ""]).joined(separator: "\n")
    }
}

/// Runs a program without a shell through cutover's own `ProcessRunner`: it waits for the direct child only and
/// closes inherited descriptors, so daemons the program starts (Postfix, Dovecot) never hold the test up.
/// (Foundation's `Process` does not notice the exit of a child whose daemons inherited its exit-watch socket.)
enum Shell {
    static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    static func run(_ arguments: [String], timeoutSeconds: Double = 60) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = path
        environment["DEBIAN_FRONTEND"] = "noninteractive"
        return try ProcessRunner().run(ExternalCommand(arguments), workingDirectory: LiveStack.checkout,
                                       environment: environment, timeoutSeconds: timeoutSeconds)
    }

    /// Runs and requires exit status 0; returns the output.
    @discardableResult
    static func require(_ arguments: [String], timeoutSeconds: Double = 60) throws -> String {
        let result = try run(arguments, timeoutSeconds: timeoutSeconds)
        guard result.succeeded else { throw ShellFailure(command: arguments, status: result.exitStatus, output: result.output) }
        return result.output
    }

    struct ShellFailure: Error, CustomStringConvertible {
        var command: [String]
        var status: Int32
        var output: String
        var description: String { "`\(command.joined(separator: " "))` exited \(status):\n\(output)" }
    }
}

/// Prints how long each phase of a live test took, so CI logs show where the minutes go.
final class PhaseClock {
    private var last = Date()
    private let start = Date()

    func mark(_ phase: String) {
        let now = Date()
        print(String(format: "[live] %6.1f s  %@ (total %.1f s)", now.timeIntervalSince(last), phase,
                     now.timeIntervalSince(start)))
        last = now
    }
}
