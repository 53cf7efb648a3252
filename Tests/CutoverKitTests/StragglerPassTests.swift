@testable import CutoverKit
import CutoverFormats
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("stragglers: placement, links, arrivals, cost")
struct StragglerPassTests {
    /// Maildir flags travel in the name; a msgdir message becomes a Maildir file in `new/`; mbox messages become
    /// Maildir files in `cur/` with their Status as flags (RO → S, O → none) or in `new/`; names come from the
    /// digest, so the scan before and the files after agree, and a second pass copies nothing.
    @Test func flagsTravelAndOtherLayoutsGetMaildirNames() throws {
        let maildirTree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": true]])
        try maildirTree.server.write("old/example.jp/bob/cur/9.M9P9.old:2,RS", MiniServer.message("bob", 9))
        _ = try VerifyStragglersStep().apply(try maildirTree.context())
        #expect(maildirTree.server.exists("mail/example.jp/bob/cur/9.M9P9.old:2,RS"))

        let msgdirTree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old", "layout": "msgdir"], "move": true]])
        try msgdirTree.server.write("old/example.jp/bob/0001.msg", MiniServer.message("bob", 8))
        let msgdirContext = try msgdirTree.context()
        let planned = try StragglerScan(plan: msgdirContext.plan, state: msgdirContext.state).work().toCopy.map(\.destination)
        _ = try VerifyStragglersStep().apply(msgdirContext)
        #expect(planned.count == 1 && planned[0].hasPrefix("new/") && planned[0].hasSuffix(".cutover"))
        #expect(try msgdirTree.server.read("mail/example.jp/bob/" + planned[0]) == MiniServer.message("bob", 8))

        let mboxTree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old", "layout": "mbox"], "move": true]])
        try mboxTree.server.write("old/example.jp/bob/INBOX", "From a@x Mon Nov 23 10:00:00 2026\nMessage-ID: <r@x>\nStatus: RO\n\nread\n\n"
            + "From a@x Mon Nov 23 10:00:01 2026\nMessage-ID: <o@x>\nStatus: O\n\nold\n\n"
            + "From a@x Mon Nov 23 10:00:02 2026\nMessage-ID: <n@x>\n\nnew\n")
        let mboxContext = try mboxTree.context()
        let names = try StragglerScan(plan: mboxContext.plan, state: mboxContext.state).work().toCopy.map(\.destination)
        _ = try VerifyStragglersStep().apply(mboxContext)
        #expect(names.count == 3)
        #expect(names[0].hasPrefix("cur/1795428000.") && names[0].hasSuffix(":2,S"))
        #expect(names[1].hasPrefix("cur/1795428001.") && names[1].hasSuffix(":2,"))
        #expect(names[2].hasPrefix("new/1795428002.") && !names[2].contains(":"))
        #expect(try mboxTree.server.read("mail/example.jp/bob/" + names[0]) == "Message-ID: <r@x>\n\nread\n")
        let status = try FileStatus.of(mboxTree.folder.path + "/mail/example.jp/bob/" + names[2])
        #expect(status.modificationTime == 1_795_428_002)
        #expect(try VerifyStragglersStep().apply(mboxContext).summary == "0 stragglers moved, 0 unmovable")
    }

    /// An old-side account folder that links out of every root the plan names is skipped and reported by name,
    /// its mail untouched; one that links inside the source root is followed; a link below an account folder is
    /// never followed.
    @Test func symlinkedAccountFoldersOutsideTheRootsAreSkipped() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": true]])
        let outside = try TemporaryDirectory(prefix: "cutover-outside")
        try FileManager.default.createDirectory(atPath: outside.path + "/alice/cur", withIntermediateDirectories: true)
        try Data(MiniServer.message("alice", 80).utf8).write(to: URL(fileURLWithPath: outside.path + "/alice/cur/x:2,S"))
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: outside.path + "/secret"))
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/old/example.jp", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tree.folder.path + "/old/example.jp/alice",
                                                   withDestinationPath: outside.path + "/alice")
        try tree.server.write("old/disk2/bob/new/late", MiniServer.message("bob", 81))
        try FileManager.default.createSymbolicLink(atPath: tree.folder.path + "/old/example.jp/bob",
                                                   withDestinationPath: "../disk2/bob")
        try FileManager.default.createSymbolicLink(atPath: tree.folder.path + "/old/disk2/bob/new/evil",
                                                   withDestinationPath: outside.path + "/secret")
        let done = try VerifyStragglersStep().apply(try tree.context())
        #expect(done.warnings.contains { $0.subject.hasSuffix("old/example.jp/alice")
            && $0.detail?.hasPrefix("account alice skipped: its folder links to ") == true })
        #expect(FileManager.default.fileExists(atPath: outside.path + "/alice/cur/x:2,S"))
        #expect(try maildirMessageIDs(tree.folder.path + "/mail/example.jp/alice") == ["<0.alice@mini.example>", "<1.alice@mini.example>"])
        #expect(tree.server.exists("mail/example.jp/bob/new/late") && !tree.server.exists("old/disk2/bob/new/late"))
        #expect(!tree.server.exists("mail/example.jp/bob/new/evil"))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: tree.folder.path + "/old/disk2/bob/new/evil")) != nil)
    }

    /// Mail that reaches the old side while the step runs does not fail it: the run completes, says how many
    /// arrived meanwhile, and the next run (which owes every straggler again) moves them.
    @Test func arrivalsDuringTheStepDoNotFailIt() throws {
        let tree = try TestTree(extraPlan: ["stragglers": StragglerRuleTests.source])
        try tree.server.write("old/example.jp/bob/new/first", MiniServer.message("bob", 90))
        let arrival = tree.folder.path + "/old/example.jp/bob/new/meanwhile"
        let context = StepContext(plan: try tree.plan(), effects: tree.world.effects) { line in
            if line.hasPrefix("straggler:") { try? Data(MiniServer.message("bob", 91).utf8).write(to: URL(fileURLWithPath: arrival)) }
        }
        let report = try Runner(context: context, steps: StandardSteps.of(context.plan)).run(RunOptions(only: .verifyStragglers))
        let step = try #require(report.steps.first)
        #expect(step.outcome == .applied)
        #expect(step.actions.contains { $0.kind == .note && $0.detail?.hasPrefix("1 messages arrived on the old side during this pass") == true })
        #expect(tree.server.exists("mail/example.jp/bob/new/first") && tree.server.exists("old/example.jp/bob/new/meanwhile"))
        #expect(try VerifyStragglersStep().verify(try tree.context()) != .holds)
        let next = try tree.run(RunOptions(only: .verifyStragglers))
        #expect(next.steps.first?.outcome == .applied)
        #expect(tree.server.exists("mail/example.jp/bob/new/meanwhile") && !tree.server.exists("old/example.jp/bob/new/meanwhile"))
    }

    /// The digest cache: after a pass, a scan reads no file that has not changed; a changed file is read again.
    @Test func unchangedFilesAreNotReadAgain() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": false]])
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 40))
        try tree.server.write("old/example.jp/alice/cur/b:2,S", MiniServer.message("alice", 41))
        let context = try tree.context()
        let scan = StragglerScan(plan: context.plan, state: context.state)
        #expect(try scan.work().filesRead == 5)
        _ = try VerifyStragglersStep().apply(context)
        #expect(try scan.work().filesRead == 0)
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 42))
        let again = try scan.work()
        // The changed file alone: the pass's copy in the new mailbox went into the cache as it was written.
        #expect(again.filesRead == 1)
        #expect(again.toCopy.map(\.source) == [tree.folder.path + "/old/example.jp/bob/new/a"])
    }

    /// An old-side account folder found fully handled (here: by the pass that copied its messages) is not listed
    /// again while its folders are unchanged (a file rewritten in place is not even read); a message that arrives in
    /// it is found by the next scan.
    @Test func handledFoldersAreSkippedUntilTheyChange() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": false]])
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 50))
        try tree.server.write("old/example.jp/bob/cur/b:2,S", MiniServer.message("bob", 51))
        // Folders that changed within the last moments are never trusted unchanged (see `HandledFolders.settling`).
        for folder in ["", "/cur", "/new"] {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)],
                                                  ofItemAtPath: tree.folder.path + "/old/example.jp/bob" + folder)
        }
        var context = try tree.context()
        context.mayWriteState = true
        _ = try VerifyStragglersStep().apply(context)
        let path = tree.folder.path + "/old/example.jp/bob/cur/b:2,S"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        let scan = StragglerScan(plan: context.plan, state: context.state)
        #expect(try scan.work().filesRead == 0)
        try tree.server.write("old/example.jp/bob/new/c", MiniServer.message("bob", 52))
        let again = try scan.work()
        // Listed again: the new message, and the rewritten one, which is now another message.
        #expect(Set(again.toCopy.map(\.source)) == [tree.folder.path + "/old/example.jp/bob/new/c", path])
    }
}
