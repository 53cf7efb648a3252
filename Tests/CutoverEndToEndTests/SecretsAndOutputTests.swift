import CutoverFormats
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// The demo fixture without its daemons (so it can run beside the demo test), driven through the binary.
@Suite("passwords never leak; JSON output")
struct SecretsAndOutputTests {
    func demoWithoutServices() throws -> (folder: TemporaryDirectory, tree: FixtureServer.Tree) {
        let folder = try TemporaryDirectory()
        let tree = try FixtureServer.copyDemo(to: folder.path)
        var plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tree.planPath))) as! [String: Any]
        plan["services"] = []
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: tree.planPath))
        return (folder, tree)
    }

    /// No plaintext password from the import list appears in stdout, stderr, the log, the journal or the snapshot.
    @Test func noPlaintextPasswordAnywhere() throws {
        let (folder, tree) = try demoWithoutServices()
        defer { folder.remove() }
        let incoming = try UserList.parse(try FileReading.text(tree.serverPath + "/accounts-2027.txt"), file: "import")
        var outputs = ""
        for arguments in [["run", tree.planPath, "--dry-run"], ["run", tree.planPath], ["status", tree.planPath],
                          ["run", tree.planPath, "--format", "json"]] {
            let result = try CutoverBinary.run(arguments)
            #expect(result.status == 0, "\(result.all)")
            outputs += result.all
        }
        let state = folder.path + "/Plans/demo-state"
        var stateText = ""
        for relative in try FileManager.default.subpathsOfDirectory(atPath: state) {
            if let data = FileManager.default.contents(atPath: state + "/" + relative) {
                stateText += String(decoding: data, as: UTF8.self)
            }
        }
        #expect(FileManager.default.fileExists(atPath: state + "/cutover.log"))
        for account in incoming {
            #expect(!outputs.contains(account.password), "\(account.userID)'s password in the output")
            #expect(!stateText.contains(account.password), "\(account.userID)'s password in the state folder")
            #expect(!(try FileReading.text(tree.serverPath + "/passwd")).contains(":" + account.password + ":"))
        }
    }

    /// `run --format json` prints one JSON document on stdout and, with stderr not a terminal, nothing on stderr
    /// (progress is for people watching a terminal); `status` likewise.
    @Test func jsonOutputIsMachineReadable() throws {
        let (folder, tree) = try demoWithoutServices()
        defer { folder.remove() }
        let run = try CutoverBinary.run(["run", tree.planPath, "--format", "json"])
        #expect(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let steps = try #require(report["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? String } == ["stop-services", "snapshot", "import-accounts", "rename-removed",
                                                        "rewire-routes", "verify-stragglers", "start-services"])
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let status = try CutoverBinary.run(["status", tree.planPath, "--format", "json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect((parsed["steps"] as? [[String: Any]])?.allSatisfy { $0["lastEvent"] != nil } == true)
    }

    /// A dry run leaves the whole tree, the state folder included, byte-identical, and its fingerprint is accepted
    /// by the real run that follows.
    @Test func dryRunThenFingerprintedRun() throws {
        let (folder, tree) = try demoWithoutServices()
        defer { folder.remove() }
        let before = try TreeDigest.of(folder.path)
        let dry = try CutoverBinary.run(["run", tree.planPath, "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("accounts: 2 added, 2 removed, 2 changed, 4 kept"))
        #expect(dry.stdout.contains("~carol.2"))
        #expect(try TreeDigest.of(folder.path) == before)
        let fingerprint = try #require(dry.stdout.split(separator: "\n").last { $0.hasPrefix("fingerprint: ") }?.dropFirst(13))
        let run = try CutoverBinary.run(["run", tree.planPath, "--expect-fingerprint", String(fingerprint)])
        #expect(run.status == 0, "\(run.all)")
        let stale = try CutoverBinary.run(["run", tree.planPath, "--expect-fingerprint", String(fingerprint)])
        #expect(stale.status == 2 && stale.stderr.contains("the world changed since the preview"))
    }
}
