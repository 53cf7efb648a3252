import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("verify-stragglers step")
struct StragglerTests {
    nonisolated(unsafe) static let source: [String: Any] = ["source": ["root": "old", "layout": "maildir", "pathTemplate": "%d/%n"],
                                        "move": true]

    /// Mail that reached the old side after the snapshot is moved once; a copy already in the new mailbox is
    /// not copied again (only removed from the source); mail for a removed account is reported, not moved.
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
        #expect(preview.summary == "1 stragglers to copy, 1 unmovable")
        _ = try VerifyStragglersStep().apply(context)
        #expect(try tree.server.read("mail/example.jp/alice/new/late1") == MiniServer.message("alice", 91))
        #expect(!tree.server.exists("old/example.jp/alice/new/late1"))
        #expect(!tree.server.exists("old/example.jp/alice/new/dup"))
        #expect(!tree.server.exists("mail/example.jp/alice/new/dup"))
        #expect(tree.server.exists("old/example.jp/alice/cur/old1:2,S"))
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

    /// A failing queue listing becomes a warning with its output, never silence.
    @Test func queueFailureIsAWarning() throws {
        var stragglers = Self.source
        stragglers["queue"] = ["list": ["postqueue", "-j"], "flush": ["postqueue", "-f"]]
        let tree = try TestTree(extraPlan: ["stragglers": stragglers])
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/old", withIntermediateDirectories: true)
        tree.world.on("postqueue") { arguments in
            arguments[1] == "-j"
                ? ProcessResult(exitStatus: 69, output: "postqueue: fatal: Queue report unavailable - mail system is down")
                : ProcessResult(exitStatus: 0, output: "")
        }
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        let done = try VerifyStragglersStep().apply(context)
        #expect(done.warnings.first?.detail == "exited 69: postqueue: fatal: Queue report unavailable - mail system is down")
    }
}
