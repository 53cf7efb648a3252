import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation

/// The bundled demo, cut over in-process against a fake world (its three daemons are fake ports, time stands
/// still until the test moves it), then swept once more after the late mail lands, as `cutover demo` does.
struct DemoWorld {
    let folder: TemporaryDirectory
    let tree: FixtureServer.Tree
    let world = FakeServer()
    let clock = FakeClock()

    static let ports = ["smtp": (52525, "220 mail.example.jp ESMTP demo"), "pop3": (52110, "+OK demo POP3 ready"),
                        "imap": (52143, "* OK [CAPABILITY IMAP4rev1] demo IMAP ready")]

    var mail: String { tree.serverPath + "/mail/example.jp" }
    var effects: Effects {
        let fake = world.effects
        return Effects(processes: fake.processes, probe: fake.probe, clock: clock, hasher: CryptPasswordHasher())
    }

    /// `clean`: first fix what the fixture has on purpose (heidi's UID counter near the limit) and give erin a
    /// `.qmail` hard-linked to her `.forward`, so the audit finds nothing at all and one change shows alone.
    init(clean: Bool) throws {
        folder = try TemporaryDirectory(prefix: "cutover-audit")
        tree = try FixtureServer.copyDemo(to: folder.path)
        for (_, (port, banner)) in Self.ports { world.set(port, .banner(banner)) }
        world.on("cutover") { [world] arguments in
            func value(_ flag: String) -> String? {
                arguments.firstIndex(of: flag).map { arguments[$0 + 1] }
            }
            let name = ((value("--pid-file") ?? "") as NSString).lastPathComponent.replacingOccurrences(of: ".pid", with: "")
            if let (port, banner) = Self.ports[name] {
                world.set(port, arguments.contains("stop") ? .refused : .banner(banner))
            }
            return ProcessResult(exitStatus: 0, output: "")
        }
        if clean {
            try write("heidi/dovecot-uidlist", "3 V1700000300 N3 Gac6457fbff55ca63b76b498a7e834811\n"
                + "1 :1700061200.M17P117.demo\n2 :1700064800.M18P118.demo\n")
            try FileManager.default.linkItem(atPath: mail + "/erin/.forward", toPath: mail + "/erin/.qmail")
        }
        try run(RunOptions())
        // The next morning the late mail lands on the old side and the straggler step runs alone.
        clock.sleep(seconds: 3_600)
        try FileManager.default.copyItem(atPath: tree.serverPath + "/late-mail/example.jp/alice/new",
                                         toPath: tree.serverPath + "/old-mail/example.jp/alice/new")
        try FileManager.default.copyItem(atPath: tree.serverPath + "/late-mail/example.jp/bob",
                                         toPath: tree.serverPath + "/old-mail/example.jp/bob")
        // Arrival times come from the files' times: fixed, so the pinned report is the same every run.
        for folder in ["alice/new", "bob/new"] {
            let path = tree.serverPath + "/old-mail/example.jp/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                try FileManager.default.setAttributes([.modificationDate: clock.now()], ofItemAtPath: path + "/" + name)
            }
        }
        try run(RunOptions(only: .verifyStragglers))
        clock.sleep(seconds: 600)
    }

    func plan() throws -> Plan { try PlanLoader.load(tree.planPath) }

    func audit() throws -> AuditReport { try Audit.report(plan: try plan(), effects: effects) }

    /// Writes `text` to a path under `mail/example.jp/`, in place (a hard link stays a hard link).
    func write(_ relative: String, _ text: String) throws {
        let path = mail + "/" + relative
        guard let file = fopen(path, "w") else { throw SystemError("write", path) }
        defer { fclose(file) }
        fputs(text, file)
    }

    /// Changes the plan file: `change` gets its JSON object.
    func editPlan(_ change: (inout [String: Any]) -> Void) throws {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tree.planPath)))
            as! [String: Any]
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: tree.planPath))
    }

    private func run(_ options: RunOptions) throws {
        let plan = try plan()
        let report = try Runner(context: StepContext(plan: plan, effects: effects), steps: StandardSteps.of(plan))
            .run(options)
        if let error = report.failure { throw AuditFailureInTest(description: "the demo cutover failed: \(error)") }
    }
}

struct AuditFailureInTest: Error, CustomStringConvertible {
    var description: String
}
