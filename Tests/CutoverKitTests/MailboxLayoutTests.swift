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
        var reader = MessageReader(cache: DigestCache(state: StateFolder(path: folder.path + "/state")))
        let maildir = folder.path + "/mail/example.jp/alice"
        try server.write("mail/example.jp/alice/new/.half-written", "x")
        let maildirMessages = try reader.messages(in: maildir, layout: .maildir).messages
        #expect(maildirMessages.map(\.relativePath).allSatisfy { $0.hasPrefix("cur/") })
        #expect(maildirMessages.first?.identity.messageID == "<0.alice@mini.example>")
        #expect(maildirMessages.first?.flags == "S")

        try server.write("msg/bob/0001.msg", MiniServer.message("bob", 1))
        try server.write("msg/bob/autoreply.cfg", "on\n")
        #expect(try reader.messages(in: folder.path + "/msg/bob", layout: .msgdir).messages.map(\.relativePath)
            == ["0001.msg"])

        try server.write("mbox/carol/INBOX", Self.mbox)
        let mboxMessages = try reader.messages(in: folder.path + "/mbox/carol", layout: .mbox).messages
        #expect(mboxMessages.map(\.identity.messageID) == ["<m1@x>", "<m2@x>"])
        #expect(mboxMessages.compactMap(\.range).map(\.count).reduce(0, +) == Self.mbox.utf8.count)
        #expect(reader.filesRead == 4)
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
        // Already in the new mailbox: not copied again, and with `move` gone from the old side.
        #expect(!tree.server.exists("old/example.jp/alice/0001.msg"))
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
        #expect(StragglerPlacement.distinctName("cur/X:2,S", digest: "abcdef0123456789") == "cur/X.dabcdef012345:2,S")
    }

    /// mbox folders nested past the walk's limit fail by path instead of exhausting the stack.
    @Test func tooDeepMboxFoldersFailByPath() throws {
        let folder = try TemporaryDirectory()
        let server = try MiniServer(in: folder.path, index: [], incoming: "", mailboxes: [:])
        try server.write("mbox/carol/INBOX", Self.mbox)
        let deep = folder.path + "/mbox/carol/f" + String(repeating: "/f", count: 300)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        let error = #expect(throws: TreeTooDeep.self) { try MailboxLayout(kind: .mbox).messageFiles(in: folder.path + "/mbox/carol") }
        #expect(error?.path == folder.path + "/mbox/carol/f" + String(repeating: "/f", count: 255))
    }
}
