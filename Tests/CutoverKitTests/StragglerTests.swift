@testable import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("verify-stragglers step")
struct StragglerTests {
    nonisolated(unsafe) static let source: [String: Any] = ["source": ["root": "old", "layout": "maildir", "pathTemplate": "%d/%n"],
                                        "move": true]

    /// Every message on the old side is moved once, before or after the snapshot alike; a copy already in the new
    /// mailbox is not copied again (only removed from the source); mail for a removed account is reported, not moved.
    @Test func movesOnceAndReportsTheRest() throws {
        let tree = try TestTree(extraPlan: ["stragglers": Self.source])
        try tree.server.write("old/example.jp/alice/cur/old1:2,S", MiniServer.message("alice", 90))
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/alice/new/late1", MiniServer.message("alice", 91))
        try tree.server.write("old/example.jp/alice/new/dup", MiniServer.message("alice", 0))
        try tree.server.write("old/example.jp/carol/new/late2", MiniServer.message("carol", 92))
        // alice's message 0 is already in her new mailbox (cur/170000000.M0P1.mini:2,S).
        let preview = try VerifyStragglersStep().preview(context)
        #expect(preview.summary == "2 stragglers to copy, 1 unmovable")
        _ = try VerifyStragglersStep().apply(context)
        #expect(try tree.server.read("mail/example.jp/alice/new/late1") == MiniServer.message("alice", 91))
        #expect(!tree.server.exists("old/example.jp/alice/new/late1"))
        #expect(!tree.server.exists("old/example.jp/alice/new/dup"))
        #expect(!tree.server.exists("mail/example.jp/alice/new/dup"))
        #expect(try tree.server.read("mail/example.jp/alice/cur/old1:2,S") == MiniServer.message("alice", 90))
        #expect(!tree.server.exists("old/example.jp/alice/cur/old1:2,S"))
        #expect(tree.server.exists("old/example.jp/carol/new/late2"))
        #expect(try VerifyStragglersStep().verify(context) == .holds)
        let again = try VerifyStragglersStep().apply(context)
        #expect(again.summary == "0 stragglers moved, 1 unmovable")
    }

    /// A crash after the copy but before the source is removed: the resume removes the source, copies nothing.
    @Test func resumeAfterCopyBeforeRemove() throws {
        let tree = try TestTree(extraPlan: ["stragglers": Self.source])
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/old/example.jp", withIntermediateDirectories: true)
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/bob/new/late", MiniServer.message("bob", 50))
        try tree.server.write("mail/example.jp/bob/new/late", MiniServer.message("bob", 50))
        #expect(try VerifyStragglersStep().verify(context) != .holds)
        _ = try VerifyStragglersStep().apply(context)
        #expect(!tree.server.exists("old/example.jp/bob/new/late"))
        let names = try FileManager.default.contentsOfDirectory(atPath: tree.folder.path + "/mail/example.jp/bob/new")
        #expect(names == ["late"])
    }

    /// A tree whose plan lists (`postqueue -j` answers `listing`) and flushes (succeeds) an old queue.
    static func treeWithQueue(listing: ProcessResult) throws -> TestTree {
        var stragglers = source
        stragglers["queue"] = ["list": ["postqueue", "-j"], "flush": ["postqueue", "-f"]]
        let tree = try TestTree(extraPlan: ["stragglers": stragglers])
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/old", withIntermediateDirectories: true)
        tree.world.on("postqueue") { arguments in
            arguments[1] == "-j" ? listing : ProcessResult(exitStatus: 0, output: "")
        }
        return tree
    }

    /// A failing queue listing becomes a warning with its output, never silence.
    @Test func queueFailureIsAWarning() throws {
        let tree = try Self.treeWithQueue(listing: ProcessResult(
            exitStatus: 69, output: "postqueue: fatal: Queue report unavailable - mail system is down"))
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        let done = try VerifyStragglersStep().apply(context)
        #expect(done.warnings.first?.detail == "exited 69: postqueue: fatal: Queue report unavailable - mail system is down")
        _ = try tree.run()
        #expect(try tree.server.read("state/cutover.log").contains("verify-stragglers warning: postqueue -j: exited 69"))
    }

    /// A straggler source that is the mail root under another name is recognised as the same folder: mail that
    /// arrived there is noted in place and never removed as "already moved".
    @Test func sourceThatIsTheMailRootIsNeverEmptied() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "mail/example.jp", "pathTemplate": "%n"], "move": true]])
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("mail/example.jp/alice/new/late", MiniServer.message("alice", 60))
        _ = try VerifyStragglersStep().apply(context)
        #expect(tree.server.exists("mail/example.jp/alice/new/late"))
        #expect(try VerifyStragglersStep().verify(context) == .holds)
    }

    /// With `move: false` a copied straggler the user then deletes from the new mailbox is not copied again.
    @Test func deletedCopyDoesNotComeBack() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": false]])
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/old/example.jp", withIntermediateDirectories: true)
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/bob/new/late", MiniServer.message("bob", 61))
        _ = try VerifyStragglersStep().apply(context)
        try FileManager.default.removeItem(atPath: tree.folder.path + "/mail/example.jp/bob/new/late")
        #expect(try VerifyStragglersStep().verify(context) == .holds)
        _ = try VerifyStragglersStep().apply(context)
        #expect(!tree.server.exists("mail/example.jp/bob/new/late"))
    }

    /// The old queue is listed and flushed once the routes are rewired, even when no straggler is waiting; a run
    /// after that does not flush again until the routes change.
    @Test func queueIsFlushedAfterTheRewire() throws {
        let tree = try Self.treeWithQueue(listing: ProcessResult(exitStatus: 0, output:
            #"{"queue_name": "deferred", "queue_id": "ABC123", "sender": "x@y", "recipients": [{"address": "bob@example.jp"}]}"#))
        let report = try tree.run()
        let stragglerStep = try #require(report.steps.first { $0.step == .verifyStragglers })
        #expect(stragglerStep.outcome == .applied)
        #expect(stragglerStep.actions.contains { $0.kind == .warning && $0.detail?.contains("ABC123") == true })
        #expect(tree.world.commands.filter { $0.first == "postqueue" } == [["postqueue", "-j"], ["postqueue", "-f"]])
        #expect(try tree.run().steps.allSatisfy { $0.outcome == .skipped })
    }
}
