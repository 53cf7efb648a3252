@testable import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("mailbox layouts: maildir, msgdir, mbox")
struct MailboxLayoutTests {
    static let mbox = "From a@b.example Mon Nov 23 10:00:00 2026\nMessage-ID: <m1@x>\nSubject: one\n\nbody one\n\n"
        + "From c@d.example Mon Nov 23 11:00:00 2026\nMessage-ID: <m2@x>\nSubject: two\n\nfirst line\nFrom here on, not a new message\n"

    /// Every layout lists its messages with Message-ID and size; settings files and dot files are not messages.
    @Test func enumeratesMessagesOfEachLayout() throws {
        let folder = try TemporaryDirectory()
        let server = try MiniServer(in: folder.path, index: [], incoming: "", mailboxes: ["alice": 2])
        let maildir = folder.path + "/mail/example.jp/alice"
        try server.write("mail/example.jp/alice/new/.half-written", "x")
        let maildirMessages = try MailboxLayout(kind: .maildir).messages(in: maildir)
        #expect(maildirMessages.map(\.relativePath).allSatisfy { $0.hasPrefix("cur/") })
        #expect(try maildirMessages.first?.identity(in: maildir).messageID == "<0.alice@mini.example>")

        try server.write("msg/bob/0001.msg", MiniServer.message("bob", 1))
        try server.write("msg/bob/autoreply.cfg", "on\n")
        #expect(try MailboxLayout(kind: .msgdir).messages(in: folder.path + "/msg/bob").map(\.relativePath) == ["0001.msg"])

        try server.write("mbox/carol/INBOX", Self.mbox)
        let mboxMessages = try MailboxLayout(kind: .mbox).messages(in: folder.path + "/mbox/carol")
        #expect(mboxMessages.count == 2)
        #expect(try mboxMessages.map { try $0.identity(in: folder.path + "/mbox/carol").messageID } == ["<m1@x>", "<m2@x>"])
        #expect(mboxMessages.map(\.size).reduce(0, +) == Int64(Self.mbox.utf8.count))
    }

    /// A message appended to an old-side mbox after the snapshot is found, and reported as not movable into a
    /// Maildir, while the messages that were there before are not.
    @Test func mboxStragglerIsReported() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old", "layout": "mbox"], "move": true]])
        try tree.server.write("old/example.jp/alice/INBOX", Self.mbox)
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/alice/INBOX", Self.mbox + "\nFrom e@f Mon Nov 23 12:00:00 2026\nMessage-ID: <m3@x>\n\nlate\n")
        let preview = try VerifyStragglersStep().preview(context)
        #expect(preview.summary == "0 stragglers to copy, 1 unmovable")
        #expect(preview.warnings.first?.detail?.contains("cannot place a mbox message into a maildir mailbox") == true)
    }

    /// msgdir stragglers move like Maildir ones: a new message file is copied, settings files are not.
    @Test func msgdirStragglerMoves() throws {
        let tree = try TestTree(extraPlan: [
            "mailboxes": ["root": "msg", "layout": "msgdir", "createForNewAccounts": true],
            "stragglers": ["source": ["root": "old", "layout": "msgdir"], "move": true],
        ])
        try tree.server.write("msg/example.jp/alice/0001.msg", MiniServer.message("alice", 1))
        try tree.server.write("old/example.jp/alice/0001.msg", MiniServer.message("alice", 1))
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/alice/0002.msg", MiniServer.message("alice", 2))
        try tree.server.write("old/example.jp/alice/forward.cfg", "x@y\n")
        _ = try VerifyStragglersStep().apply(context)
        #expect(try tree.server.read("msg/example.jp/alice/0002.msg") == MiniServer.message("alice", 2))
        #expect(!tree.server.exists("msg/example.jp/alice/forward.cfg"))
        #expect(tree.server.exists("old/example.jp/alice/0001.msg"))
        #expect(!tree.server.exists("old/example.jp/alice/0002.msg"))
    }

    /// A straggler whose file name is taken by another message in the new mailbox gets a name of its own (the
    /// same on every run), and is not copied twice.
    @Test func nameClashGetsADistinctName() throws {
        let tree = try TestTree(extraPlan: [
            "mailboxes": ["root": "msg", "layout": "msgdir"],
            "stragglers": ["source": ["root": "old", "layout": "msgdir"], "move": true],
        ])
        try tree.server.write("msg/example.jp/alice/1.eml", MiniServer.message("alice", 1))
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/old/example.jp", withIntermediateDirectories: true)
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/alice/1.eml", MiniServer.message("alice", 2))
        _ = try VerifyStragglersStep().apply(context)
        let names = try FileManager.default.contentsOfDirectory(atPath: tree.folder.path + "/msg/example.jp/alice").sorted()
        #expect(names.count == 2 && names[0] == "1.d" + names[0].dropFirst(3).prefix(12) + ".eml" && names[1] == "1.eml")
        #expect(!tree.server.exists("old/example.jp/alice/1.eml"))
        #expect(try VerifyStragglersStep().verify(context) == .holds)
        #expect(StragglerScan.distinctName("cur/X:2,S", digest: "abcdef0123456789") == "cur/X.dabcdef012345:2,S")
    }

    /// mbox folders nested past the walk's limit fail by path instead of exhausting the stack.
    @Test func tooDeepMboxFoldersFailByPath() throws {
        let folder = try TemporaryDirectory()
        let server = try MiniServer(in: folder.path, index: [], incoming: "", mailboxes: [:])
        try server.write("mbox/carol/INBOX", Self.mbox)
        let deep = folder.path + "/mbox/carol/f" + String(repeating: "/f", count: 300)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        let error = #expect(throws: TreeTooDeep.self) { try MailboxLayout(kind: .mbox).messages(in: folder.path + "/mbox/carol") }
        #expect(error?.path == folder.path + "/mbox/carol/f" + String(repeating: "/f", count: 255))
    }
}
