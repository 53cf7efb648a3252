@testable import CutoverCLI
import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Errors keep their type to the edge: one mapping to exit codes, and JSON errors on stdout with `--format json`.
@Suite("errors at the edge")
struct ErrorsAtTheEdgeTests {
    /// Every failure kind maps to the exit code of the contract.
    @Test func everyKindHasItsExitCode() {
        let expected: [Failure.Kind: ExitCode] = [
            .usage: .invalidInput, .invalidPlan: .invalidInput, .invalidInput: .invalidInput,
            .worldChanged: .invalidInput, .locked: .locked, .stepFailed: .stepFailed, .interrupted: .stepFailed,
            .auditErrors: .auditErrors,
        ]
        for kind in Failure.Kind.allCases { #expect(ExitCode(kind) == expected[kind], "\(kind)") }
    }

    /// With `--format json` a fatal error is one JSON object on stdout with step, kind, message and hint.
    @Test func jsonErrorsGoToStdout() throws {
        let captured = CapturedOutput()
        let code = CommandLineTool.main(["run", "/nonexistent/plan.json", "--format", "json"],
                                        effects: FakeServer().effects, output: captured.output)
        #expect(code == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(captured.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "invalid-plan")
        #expect((object["message"] as? String)?.contains("/nonexistent/plan.json") == true)
        #expect((object["hint"] as? String)?.contains("cutover validate /nonexistent/plan.json") == true)
        #expect(captured.stderr.isEmpty)
    }

    /// A usage error asked for in JSON is JSON too, though the command line did not parse.
    @Test func usageErrorsAreJSONWhenAskedFor() throws {
        let captured = CapturedOutput()
        let code = CommandLineTool.main(["run", "p.json", "--only", "teleport", "--format", "json"],
                                        effects: FakeServer().effects, output: captured.output)
        #expect(code == 2)
        let failure = try JSONDecoder().decode(Failure.self, from: Data(captured.stdout.utf8))
        #expect(failure.kind == .usage)
    }

    /// In text, the error and the command to run next go to stderr, stdout stays empty.
    @Test func textErrorsGoToStderrWithTheHint() {
        let captured = CapturedOutput()
        #expect(CommandLineTool.main(["status", "/nonexistent/plan.json"], effects: FakeServer().effects,
                                     output: captured.output) == 2)
        #expect(captured.stdout.isEmpty)
        #expect(captured.stderr.hasPrefix("cutover: "))
        #expect(captured.stderr.contains("cutover validate /nonexistent/plan.json"))
    }

    /// A run whose approved preview no longer matches the world exits 2 through the command line and changes
    /// nothing; the JSON error says the world changed.
    @Test func changedWorldExitsTwo() throws {
        let folder = try TemporaryDirectory()
        let server = try MiniServer(in: folder.path, index: [("alice", "a", "Alice"), ("bob", "b", "Bob")],
                                    incoming: "alice,a,Alice\nbob,b2,Bob\n", mailboxes: ["alice": 1, "bob": 1])
        let world = FakeServer()
        let preview = CapturedOutput()
        #expect(CommandLineTool.main(["run", server.planPath, "--dry-run", "--format", "json"], effects: world.effects,
                                     output: preview.output) == 0)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(preview.stdout.utf8))
        try server.write("accounts.txt", "alice,a,Alice\n")
        let digest = try TreeDigest.of(folder.path)
        let run = CapturedOutput()
        #expect(CommandLineTool.main(["run", server.planPath, "--expect-fingerprint", report.fingerprint ?? "",
                                      "--format", "json"], effects: world.effects, output: run.output) == 2)
        #expect(try JSONDecoder().decode(Failure.self, from: Data(run.stdout.utf8)).kind == .worldChanged)
        #expect(try TreeDigest.of(folder.path) == digest)
    }

    /// An audit report that cannot be written where `--output` says is bad usage (exit 2), not a step to resume.
    @Test func unwritableAuditOutputExitsTwo() throws {
        let folder = try TemporaryDirectory()
        let server = try MiniServer(in: folder.path, index: [("alice", "a", "Alice")], incoming: "alice,a,Alice\n",
                                    mailboxes: ["alice": 1])
        let captured = CapturedOutput()
        #expect(CommandLineTool.main(["audit", server.planPath, "--output", folder.path + "/no/such/folder/r.txt"],
                                     effects: FakeServer().effects, output: captured.output) == 2)
        #expect(captured.stderr.contains("--output") && !captured.stderr.contains("cutover run"), "\(captured.stderr)")
    }

    /// A symbolic link among the state folder's files (a planted `lock`) is refused before anything changes.
    @Test func linkInTheStateFolderExitsTwo() throws {
        let folder = try TemporaryDirectory()
        let server = try MiniServer(in: folder.path, index: [("alice", "a", "Alice")], incoming: "alice,a,Alice\n",
                                    mailboxes: ["alice": 1])
        try FileManager.default.createDirectory(atPath: folder.path + "/state", withIntermediateDirectories: true)
        chmod(folder.path + "/state", 0o700)
        try server.write("victim", "precious\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/state/lock", withDestinationPath: folder.path + "/victim")
        let digest = try TreeDigest.of(folder.path)
        let captured = CapturedOutput()
        #expect(CommandLineTool.main(["run", server.planPath], effects: FakeServer().effects, output: captured.output) == 2)
        #expect(captured.stderr.contains("state/lock is a symbolic link"), "\(captured.stderr)")
        #expect(try TreeDigest.of(folder.path) == digest)
    }
}
