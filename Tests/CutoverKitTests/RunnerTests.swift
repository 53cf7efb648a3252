import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("runner: order, journal, resume, lock")
struct RunnerTests {
    nonisolated(unsafe) static let services: [[String: Any]] = [
        ["name": "smtp", "stop": ["smtp-stop"], "start": ["smtp-start"],
         "checks": [["host": "127.0.0.1", "port": 25, "expect": "220"]], "timeoutSeconds": 5],
    ]

    func servedTree() throws -> TestTree {
        let tree = try TestTree(extraPlan: ["services": Self.services])
        tree.world.service(stop: "smtp-stop", start: "smtp-start", port: 25, banner: "220 mini ESMTP")
        return tree
    }

    /// A full run applies the seven steps in order, journals started/completed for each, leaves services up.
    @Test func fullRunJournalsEveryStep() throws {
        let tree = try servedTree()
        let report = try tree.run()
        #expect(report.failure == nil)
        #expect(report.steps.map(\.step) == StepName.cutover)
        // With no straggler source and nothing new since the snapshot, verify-stragglers already holds.
        #expect(report.steps.map(\.outcome) == [.applied, .applied, .applied, .applied, .applied, .skipped, .applied])
        #expect(tree.world.commands == [["smtp-stop"], ["smtp-start"]])
        let journal = try tree.server.read("state/journal.jsonl").split(separator: "\n")
        #expect(journal.count == 13)
        #expect(journal.first?.contains(#""event":"started""#) == true)
        #expect(journal.first?.contains(#""step":"stop-services""#) == true)
    }

    /// A completed run run again changes nothing: every step is skipped, services are not bounced.
    @Test func secondRunChangesNothing() throws {
        let tree = try servedTree()
        _ = try tree.run()
        let passwd = try tree.server.read("passwd")
        let digest = try TreeDigest.of(tree.folder.path) { $0.hasPrefix("state/") }
        let again = try tree.run()
        #expect(again.steps.allSatisfy { $0.outcome == .skipped })
        #expect(tree.world.commands.count == 2)
        #expect(try tree.server.read("passwd") == passwd)
        #expect(try TreeDigest.of(tree.folder.path) { $0.hasPrefix("state/") } == digest)
    }

    /// A dry run changes nothing at all: no state folder, no journal, the tree byte-identical.
    @Test func dryRunChangesNothing() throws {
        let tree = try servedTree()
        let digest = try TreeDigest.of(tree.folder.path)
        let report = try tree.run(RunOptions(dryRun: true))
        // As the run will: verify-stragglers has nothing to do (no straggler source, nothing after the snapshot).
        #expect(report.steps.map(\.outcome) == [.previewed, .previewed, .previewed, .previewed, .previewed, .skipped,
                                                 .previewed])
        #expect(report.fingerprint?.count == 16)
        #expect(try TreeDigest.of(tree.folder.path) == digest)
        #expect(tree.world.commands.isEmpty)
    }

    /// A service that will not stop fails the first step, before anything is copied or changed.
    @Test func serviceThatWontStopStopsTheRun() throws {
        let tree = try servedTree()
        tree.world.on("smtp-stop") { _ in ProcessResult(exitStatus: 0, output: "") }
        let passwd = try tree.server.read("passwd")
        let report = try tree.run()
        #expect(report.steps.map(\.outcome) == [.failed])
        #expect(report.failure?.message.contains("smtp is still up") == true)
        #expect(!tree.server.exists("state/snapshots"))
        #expect(try tree.server.read("passwd") == passwd)
    }

    /// A second run while one holds the lock is refused with the holder's pid.
    @Test func lockIsExclusive() throws {
        let tree = try servedTree()
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/state", withIntermediateDirectories: true)
        let held = try FileLock.acquire(at: tree.folder.path + "/state/lock")
        defer { held.release() }
        // flock is per open file description: a second acquire in the same process is refused like another process.
        let error = try #require(throws: LockHeld.self) { try tree.run() }
        #expect(error.holderPID == getpid())
    }

    /// `--expect-fingerprint` refuses a run whose preview no longer matches, before touching anything.
    @Test func fingerprintMismatchRefuses() throws {
        let tree = try servedTree()
        #expect(throws: FingerprintMismatch.self) { try tree.run(RunOptions(expectFingerprint: "0000000000000000")) }
        #expect(!tree.server.exists("state"))
        let fingerprint = try tree.run(RunOptions(dryRun: true)).fingerprint
        #expect(try tree.run(RunOptions(expectFingerprint: fingerprint)).failure == nil)
    }

    /// A password edited in the import list after the preview changes the fingerprint, though no action line does.
    @Test func fingerprintCoversTheImportList() throws {
        let tree = try servedTree()
        let before = try tree.run(RunOptions(dryRun: true)).fingerprint
        try tree.server.write("accounts.txt", TestTree.incoming.replacingOccurrences(of: "new-pw", with: "other-pw"))
        #expect(try tree.run(RunOptions(dryRun: true)).fingerprint != before)
    }

    /// `--only` runs one step; `--from` that step and the ones after it.
    @Test func onlyAndFromSelectSteps() throws {
        let tree = try servedTree()
        #expect(try tree.run(RunOptions(only: .snapshot)).steps.map(\.step) == [.snapshot])
        #expect(try tree.run(RunOptions(from: .rewireRoutes)).steps.map(\.step)
            == [.rewireRoutes, .verifyStragglers, .startServices])
    }

    /// `--only stop-services` before a cutover stops the services: whether the data steps are pending is asked
    /// of the whole plan, not of the one step selected.
    @Test func onlyStopServicesStops() throws {
        let tree = try servedTree()
        let report = try tree.run(RunOptions(only: .stopServices))
        #expect(report.steps.map(\.outcome) == [.applied])
        #expect(tree.world.commands == [["smtp-stop"]])
    }
}
