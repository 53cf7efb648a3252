import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Dry run is one of the three uses the tool exists for: what it lists must be exactly what a run then does.
@Suite("preview equals apply")
struct PreviewEqualsApplyTests {
    nonisolated(unsafe) static let fullPlan: [String: Any] = [
        "services": RunnerTests.services,
        "accounts": ["index": ["path": "passwd", "format": "passwd-file"],
                     "import": ["path": "accounts.txt", "format": "userlist"],
                     "recipientMap": ["path": "vmailbox", "format": "postfix-vmailbox", "reload": ["map-reload"]]],
        "routes": ["path": "transport", "format": "postfix-transport", "set": ["example.jp": "smtp:[192.0.2.20]:25"],
                   "reload": ["route-reload"]],
        "stragglers": ["source": ["root": "old", "layout": "maildir", "pathTemplate": "%d/%n"], "move": true,
                       "queue": ["list": ["queue-list"], "flush": ["queue-flush"]]],
    ]

    /// A world where every step has work: services up, accounts to add/remove/change, a route, a straggler.
    func busyTree() throws -> TestTree {
        let tree = try TestTree(extraPlan: Self.fullPlan)
        tree.world.service(stop: "smtp-stop", start: "smtp-start", port: 25, banner: "220 mini ESMTP")
        for program in ["map-reload", "route-reload", "queue-flush"] {
            tree.world.on(program) { _ in ProcessResult(exitStatus: 0, output: "") }
        }
        tree.world.on("queue-list") { _ in ProcessResult(exitStatus: 0, output: "") }
        try tree.server.write("vmailbox", "alice@example.jp example.jp/alice/\n")
        try tree.server.write("old/example.jp/alice/new/1700000099.M9P9.old", MiniServer.message("alice", 99))
        for part in ["cur", "tmp"] { try tree.server.write("old/example.jp/alice/\(part)/.keep", "") }
        return tree
    }

    /// Each step, on the world its predecessors left: the actions `apply` reports are the ones `preview` listed
    /// for that very work value, and afterwards the step's end state holds.
    @Test func everyStepAppliesWhatItPreviewed() throws {
        let tree = try busyTree()
        let context = try tree.context()
        for step in StandardSteps.of(context.plan) {
            try checkPreviewEqualsApply(step, context)
        }
    }

    private func checkPreviewEqualsApply(_ step: some CutoverStep, _ context: StepContext) throws {
        let work = try step.work(context)
        let previewed = step.preview(work)
        let applied = try step.apply(work, context)
        #expect(applied.actions == previewed.actions, "\(step.name.rawValue)")
        #expect(try step.verify(context) == .holds, "\(step.name.rawValue)")
    }

    /// `run --dry-run`, then `run` on the unchanged world: every step lists the same actions in both.
    @Test func dryRunListsWhatTheRunDoes() throws {
        let tree = try busyTree()
        let preview = try tree.run(RunOptions(dryRun: true))
        let run = try tree.run()
        #expect(run.failure == nil)
        #expect(preview.steps.map(\.step) == run.steps.map(\.step))
        for (previewed, applied) in zip(preview.steps, run.steps) {
            #expect(previewed.actions == applied.actions, "\(previewed.step.rawValue)")
            #expect((previewed.outcome == .skipped) == (applied.outcome == .skipped), "\(previewed.step.rawValue)")
        }
        #expect(preview.steps.filter { $0.outcome == .previewed }.count == 7)
    }

    /// After a finished cutover the preview says every step is skipped, as the run that follows does.
    @Test func dryRunAfterACutoverSkipsLikeTheRun() throws {
        let tree = try busyTree()
        _ = try tree.run()
        let preview = try tree.run(RunOptions(dryRun: true))
        let run = try tree.run()
        #expect(preview.steps.map(\.outcome) == Array(repeating: .skipped, count: 7))
        #expect(run.steps.map(\.outcome) == Array(repeating: .skipped, count: 7))
        #expect(preview.steps.map(\.actions) == run.steps.map(\.actions))
    }

    /// A world changed after the preview (one more account in the import list) makes `--expect-fingerprint`
    /// refuse before anything changes: no state folder, no command run, the tree byte for byte as it was.
    @Test func changedWorldIsRefusedByTheFingerprint() throws {
        let tree = try busyTree()
        let fingerprint = try #require(try tree.run(RunOptions(dryRun: true)).fingerprint)
        try tree.server.write("accounts.txt", TestTree.incoming + "erin,e-pw,Erin\n")
        let digest = try TreeDigest.of(tree.folder.path)
        #expect(throws: FingerprintMismatch.self) { try tree.run(RunOptions(expectFingerprint: fingerprint)) }
        #expect(try TreeDigest.of(tree.folder.path) == digest)
        #expect(!tree.server.exists("state"))
        #expect(tree.world.commands.isEmpty)
    }
}
