import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// SIGINT / SIGTERM during a step: the current atomic operation finishes, the journal says `interrupted`, the lock
/// is released, the step's half-made files are gone, and running again resumes.
@Suite("interruption")
struct InterruptionTests {
    func interruptedRun(when trigger: String) throws -> (TestTree, RunReport) {
        let tree = try TestTree(extraPlan: ["services": RunnerTests.services])
        tree.world.service(stop: "smtp-stop", start: "smtp-start", port: 25, banner: "220 mini ESMTP")
        let interruption = Interruption()
        var effects = tree.world.effects
        effects.interruption = interruption
        let context = StepContext(plan: try tree.plan(), effects: effects) { line in
            if line.hasPrefix(trigger) { interruption.request(SIGTERM) }
        }
        let report = try Runner(context: context, steps: StandardSteps.of(context.plan)).run(RunOptions())
        return (tree, report)
    }

    /// Interrupted while the snapshot copies: failed with `interrupted`, no `.partial` left, lock free, the
    /// services still down (the closing bracket did not run), and the next run finishes the cutover.
    @Test func duringTheSnapshot() throws {
        let (tree, report) = try interruptedRun(when: "snapshot: copying")
        #expect(report.failure?.kind == .interrupted)
        #expect(report.failure?.hint?.contains("cutover run ") == true)
        #expect(report.steps.map(\.outcome) == [.applied, .failed])
        let journal = try tree.server.read("state/journal.jsonl")
        #expect(journal.contains(#""event":"failed""#) && journal.contains("interrupted by SIGTERM"))
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: tree.folder.path + "/state/snapshots")
        #expect(snapshots.isEmpty, "\(snapshots)")
        let lock = try FileLock.acquire(at: tree.folder.path + "/state/lock")
        lock.release()
        let resumed = try tree.run()
        #expect(resumed.failure == nil)
        #expect(resumed.steps.first?.outcome == .skipped)
        #expect(tree.server.exists("mail/example.jp/~carol"))
    }

    /// Interrupted between two renames: the first rename is whole, the rest happen on the next run.
    @Test func duringTheRenames() throws {
        let (tree, report) = try interruptedRun(when: "rename ")
        #expect(report.failure?.kind == .interrupted)
        #expect(report.failure?.step == .renameRemoved)
        #expect(try tree.run().failure == nil)
        #expect(tree.server.exists("mail/example.jp/~carol") && !tree.server.exists("mail/example.jp/carol"))
    }

    /// A temporary file that a killed run left beside the index is removed when the import runs again.
    @Test func leftoverTemporariesAreRemovedOnResume() throws {
        let tree = try TestTree()
        try tree.server.write(".passwd.cutover-tmp.999999.abc123", "half a file")
        _ = try tree.run()
        #expect(!tree.server.exists(".passwd.cutover-tmp.999999.abc123"))
        #expect(try tree.server.read("state/cutover.log").contains("left by a run that was killed"))
    }
}
