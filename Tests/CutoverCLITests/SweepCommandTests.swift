@testable import CutoverCLI
import CutoverFormats
import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// `cutover sweep`: the straggler step alone, for cron and for days.
@Suite("sweep")
struct SweepCommandTests {
    nonisolated(unsafe) static let plan: [String: Any] = [
        "stragglers": ["source": ["root": "old", "layout": "maildir", "pathTemplate": "%d/%n"], "move": true],
    ]

    func server(_ folder: TemporaryDirectory) throws -> MiniServer {
        try FileManager.default.createDirectory(atPath: folder.path + "/old/example.jp", withIntermediateDirectories: true)
        return try MiniServer(in: folder.path, index: [("alice", "a", "Alice"), ("bob", "b", "Bob")],
                              incoming: "alice,a,Alice\nbob,b,Bob\n", mailboxes: ["alice": 1, "bob": 1],
                              extraPlan: Self.plan)
    }

    /// A sweep moves what reached the old side, says when; the next sweep, with nothing new, prints one line and
    /// exits 0 (cron mails nothing worth reading).
    @Test func movesThenSaysOneLine() throws {
        let folder = try TemporaryDirectory()
        let server = try server(folder)
        try server.write("old/example.jp/bob/new/1800000100.M1P1.old", MiniServer.message("bob", 7))
        let world = FakeServer()
        let first = CapturedOutput()
        #expect(CommandLineTool.main(["sweep", server.planPath], effects: world.effects, output: first.output) == 0)
        #expect(first.stdout.contains("> move "), "\(first.stdout)")
        #expect(first.stdout.contains("sweep: 1 stragglers moved; last straggler seen "))
        #expect(first.stdout.contains("bob "))
        #expect(server.exists("mail/example.jp/bob/new/1800000100.M1P1.old"))
        #expect(!server.exists("old/example.jp/bob/new/1800000100.M1P1.old"))
        let second = CapturedOutput()
        #expect(CommandLineTool.main(["sweep", server.planPath], effects: world.effects, output: second.output) == 0)
        #expect(second.stdout.split(separator: "\n").count == 1, "\(second.stdout)")
        #expect(second.stdout.hasPrefix("sweep: nothing to move; last straggler seen "))
        let journal = try server.read("state/journal.jsonl")
        #expect(journal.split(separator: "\n").allSatisfy { $0.contains(#""step":"verify-stragglers""#) })
        #expect(world.commands.isEmpty, "a sweep never stops or starts a service")
    }

    /// `--dry-run` lists what would move and changes nothing.
    @Test func dryRunChangesNothing() throws {
        let folder = try TemporaryDirectory()
        let server = try server(folder)
        try server.write("old/example.jp/bob/new/1800000100.M1P1.old", MiniServer.message("bob", 7))
        let digest = try TreeDigest.of(folder.path)
        let captured = CapturedOutput()
        #expect(CommandLineTool.main(["sweep", server.planPath, "--dry-run"], effects: FakeServer().effects,
                                     output: captured.output) == 0)
        #expect(captured.stdout.contains("> move "))
        #expect(try TreeDigest.of(folder.path) == digest)
    }

    /// `--until-quiet` sweeps again and again and ends once nothing arrived for that long.
    @Test func untilQuietEndsWhenQuiet() throws {
        let folder = try TemporaryDirectory()
        let server = try server(folder)
        let captured = CapturedOutput()
        #expect(CommandLineTool.main(["sweep", server.planPath, "--until-quiet", "10m", "--every", "2m", "--format", "json"],
                                     effects: FakeServer().effects, output: captured.output) == 0)
        let report = try JSONDecoder().decode(SweepReport.self, from: Data(captured.stdout.utf8))
        #expect(report.passes.count == 6)
        #expect(report.quietFor == "10m")
    }

    /// A stop request between passes ends the sweep with exit 1 and the command that goes on.
    @Test func interruptedBetweenPassesExitsOne() throws {
        let folder = try TemporaryDirectory()
        let server = try server(folder)
        let world = FakeServer()
        let interruption = Interruption()
        var effects = world.effects
        effects.interruption = interruption
        interruption.request(SIGTERM)
        let captured = CapturedOutput()
        #expect(CommandLineTool.main(["sweep", server.planPath, "--until-quiet", "1h"], effects: effects,
                                     output: captured.output) == 1)
        #expect(captured.stderr.contains("cutover sweep \(server.planPath)"), "\(captured.stderr)")
    }

    /// A sweep while a run holds the lock exits 3, naming the holder.
    @Test func lockedWhileARunHoldsTheLock() throws {
        let folder = try TemporaryDirectory()
        let server = try server(folder)
        try FileManager.default.createDirectory(atPath: folder.path + "/state", withIntermediateDirectories: true)
        chmod(folder.path + "/state", 0o700)
        let held = try FileLock.acquire(at: folder.path + "/state/lock")
        defer { held.release() }
        #expect(CommandLineTool.main(["sweep", server.planPath], effects: FakeServer().effects,
                                     output: CapturedOutput().output) == 3)
    }

    /// Usage: `--every` needs `--until-quiet`, durations must parse, a dry run is one pass.
    @Test(arguments: [["--every", "2m"], ["--until-quiet", "soon"], ["--until-quiet", "1h", "--dry-run"],
                      ["--until-quiet", "-5m"]])
    func refusesBadOptions(_ options: [String]) {
        #expect(throws: UsageError.self) { try Invocation.parse(["sweep", "p.json"] + options) }
    }

    /// Mail that stays on the old side by design (a removed account's) does not turn cron's one line into four:
    /// it is counted in that line.
    @Test func standingWarningsStayInTheOneLine() throws {
        let folder = try TemporaryDirectory()
        let server = try MiniServer(in: folder.path, index: [("alice", "a", "Alice"), ("bob", "b", "Bob"), ("carol", "c", "Carol")],
                                    incoming: "alice,a,Alice\nbob,b,Bob\n", mailboxes: ["alice": 1, "bob": 1, "carol": 1],
                                    extraPlan: Self.plan)
        try server.write("old/example.jp/carol/new/1800000200.M2P1.old", MiniServer.message("carol", 8))
        let world = FakeServer()
        _ = CommandLineTool.main(["run", server.planPath], effects: world.effects, output: CapturedOutput().output)
        let sweep = CapturedOutput()
        #expect(CommandLineTool.main(["sweep", server.planPath], effects: world.effects, output: sweep.output) == 0)
        #expect(sweep.stdout.split(separator: "\n").count == 1, "\(sweep.stdout)")
        #expect(sweep.stdout.contains("1 warnings (`cutover audit` lists them)"))
    }

    /// A sweep that fails says which step in its JSON error, and that `cutover sweep` goes on, not `cutover run`.
    @Test func failureNamesTheStepAndTheSweep() throws {
        let folder = try TemporaryDirectory()
        let server = try server(folder)
        try server.write("state/stragglers.jsonl", "not a record\n{}\n")
        chmod(folder.path + "/state", 0o700)
        // A message to judge: the ledger is read (and found damaged) when a folder has to be listed.
        try server.write("old/example.jp/bob/new/1800000300.M3P1.old", MiniServer.message("bob", 9))
        let captured = CapturedOutput()
        #expect(CommandLineTool.main(["sweep", server.planPath, "--format", "json"], effects: FakeServer().effects,
                                     output: captured.output) == 1)
        let report = try JSONDecoder().decode(SweepReport.self, from: Data(captured.stdout.utf8))
        let failure = try #require(report.passes.last?.failure)
        #expect(failure.step == .verifyStragglers)
        #expect(failure.message.contains("stragglers.jsonl line 1"))
        #expect(failure.hint?.contains("cutover sweep \(server.planPath)") == true, "\(failure.hint ?? "")")
    }
}
