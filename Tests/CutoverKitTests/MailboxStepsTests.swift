import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

@Suite("rename-removed and rewire-routes steps")
struct MailboxStepsTests {
    /// A removed account's folder becomes `~name`, or `~name.2` when `~name` is taken; new accounts get a Maildir.
    @Test func renamesWithCollisionAndCreatesNewMailboxes() throws {
        let tree = try TestTree()
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/mail/example.jp/~carol",
                                                withIntermediateDirectories: true)
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        let preview = try RenameRemovedStep().preview(context)
        #expect(preview.actions.contains(PlannedAction(.rename, tree.folder.path + "/mail/example.jp/carol",
                                                       "→ " + tree.folder.path + "/mail/example.jp/~carol.2")))
        _ = try RenameRemovedStep().apply(context)
        #expect(tree.server.exists("mail/example.jp/~carol.2/cur"))
        #expect(!tree.server.exists("mail/example.jp/carol"))
        #expect(tree.server.exists("mail/example.jp/dave/new"))
        #expect(try RenameRemovedStep().verify(context) == .holds)
        let again = try RenameRemovedStep().apply(context)
        #expect(again.actions.isEmpty)
    }

    /// Before any run, `status` answers for every step (nothing is recorded yet, and that is no error).
    @Test func statusBeforeAnyRun() throws {
        let tree = try TestTree()
        let context = try tree.context()
        let report = try StatusReport.of(context, steps: StandardSteps.of(context.plan))
        #expect(report.steps.count == 7 && report.steps.allSatisfy { $0.lastEvent == nil })
        #expect(!tree.server.exists("state"))
    }

    /// A plan without the snapshot step still renames what its import removed: the import kept the old index.
    @Test func subsetWithoutSnapshotRenames() throws {
        let tree = try TestTree(extraPlan: ["steps": ["import-accounts", "rename-removed"]])
        let report = try tree.run()
        #expect(report.failure == nil)
        #expect(tree.server.exists("mail/example.jp/~carol"))
        #expect(try tree.run().steps.allSatisfy { $0.outcome == .skipped })
    }

    /// With a prefix that forms account names, a removed account's mail never lands in a new account's folder.
    @Test func renameNeverTakesANewAccountsFolder() throws {
        let tree = try TestTree(incoming: "alice,a-pw,Alice\nbob,new-pw,Bob\nold_carol,oc-pw\n",
                                extraPlan: ["mailboxes": ["root": "mail", "removedPrefix": "old_", "createForNewAccounts": true]])
        _ = try tree.run()
        #expect(tree.server.exists("mail/example.jp/old_carol.2/cur/170000000.M0P1.mini:2,S"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.folder.path + "/mail/example.jp/old_carol/cur").isEmpty)
    }

    /// A half-made mailbox left by a crash (its staging folder) is rebuilt, never taken for a finished one.
    @Test func leftoverStagingFolderIsRebuilt() throws {
        let tree = try TestTree()
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/mail/example.jp/.cutover-new.dave",
                                                withIntermediateDirectories: true)
        _ = try RenameRemovedStep().apply(context)
        #expect(tree.server.exists("mail/example.jp/dave/tmp"))
        #expect(!tree.server.exists("mail/example.jp/.cutover-new.dave"))
    }

    /// The route for the domain changes, the unrelated route and the comment stay byte for byte.
    @Test func rewiresOnlyThePlannedRoute() throws {
        let tree = try TestTree()
        let context = try tree.context()
        let preview = try RewireRoutesStep().preview(context)
        #expect(preview.actions.first?.detail == "example.jp\tsmtp:[192.0.2.10]:25 → example.jp\tsmtp:[192.0.2.20]:25")
        _ = try RewireRoutesStep().apply(context)
        #expect(try tree.server.read("transport")
            == "# routes\nexample.jp\tsmtp:[192.0.2.20]:25\nother.example smtp:[198.51.100.7]\n")
        #expect(try RewireRoutesStep().verify(context) == .holds)
    }

    /// An import run on its own before the snapshot: the run that follows still renames the removed accounts'
    /// mailboxes and creates the new ones (the index the import replaced is the "before"), as its dry run says.
    @Test func importAloneFirstStillRenames() throws {
        let tree = try TestTree()
        #expect(try tree.run(RunOptions(only: .importAccounts)).failure == nil)
        let preview = try tree.run(RunOptions(dryRun: true))
        let run = try tree.run()
        #expect(run.failure == nil)
        #expect(preview.steps.map(\.actions) == run.steps.map(\.actions))
        #expect(tree.server.exists("mail/example.jp/~carol") && !tree.server.exists("mail/example.jp/carol"))
        #expect(tree.server.exists("mail/example.jp/dave/new"))
    }
}
