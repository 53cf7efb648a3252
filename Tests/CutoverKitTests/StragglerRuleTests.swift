@testable import CutoverKit
import CutoverFormats
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Message-IDs of every message in a Maildir (`cur/` and `new/`), sorted, duplicates kept.
func maildirMessageIDs(_ folder: String) throws -> [String] {
    try ["cur", "new"].flatMap { part -> [String] in
        let path = folder + "/" + part
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.map {
            MessageHeader.messageID(in: Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + $0)))) ?? "-"
        }
    }.sorted()
}

@Suite("stragglers: the old side against the new mailbox")
struct StragglerRuleTests {
    nonisolated(unsafe) static let source: [String: Any] = ["source": ["root": "old", "layout": "maildir", "pathTemplate": "%d/%n"],
                                        "move": true]

    /// A message as the old server stored it: LF line ends and its own trace fields.
    static func asOldServerStored(_ message: String) -> String {
        "Return-Path: <a@b.example>\nDelivered-To: old@example.jp\n" + message.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// A new side pre-seeded days before, and old-side mail from before the snapshot and after it: every message
    /// arrives exactly once, copies the old server stored differently are recognised, and a second pass moves nothing.
    @Test func preSeededNewSideGetsEveryMessageOnce() throws {
        let tree = try TestTree(extraPlan: ["stragglers": Self.source])
        try tree.server.write("old/example.jp/alice/cur/1.M1P9.old:2,S", Self.asOldServerStored(MiniServer.message("alice", 0)))
        try tree.server.write("old/example.jp/alice/cur/2.M2P9.old:2,RS", MiniServer.message("alice", 1))
        try tree.server.write("old/example.jp/alice/new/3.M3P9.old", MiniServer.message("alice", 2))
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/alice/new/4.M4P9.old", MiniServer.message("alice", 3))
        let done = try VerifyStragglersStep().apply(context)
        #expect(done.summary == "2 stragglers moved, 0 unmovable")
        let alice = tree.folder.path + "/mail/example.jp/alice"
        #expect(try maildirMessageIDs(alice) == (0...3).map { "<\($0).alice@mini.example>" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.folder.path + "/old/example.jp/alice/cur").isEmpty)
        #expect(try VerifyStragglersStep().verify(context) == .holds)
        #expect(try VerifyStragglersStep().apply(context).summary == "0 stragglers moved, 0 unmovable")
        #expect(try maildirMessageIDs(alice) == (0...3).map { "<\($0).alice@mini.example>" })
    }

    /// With `move: false` neither a copied straggler nor a message found already present comes back after the user
    /// deleted it from the new mailbox; the old side keeps its copies.
    @Test func deletedMailDoesNotComeBack() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": false]])
        try tree.server.write("old/example.jp/bob/cur/seeded:2,S", MiniServer.message("bob", 0))
        try tree.server.write("old/example.jp/bob/new/late", MiniServer.message("bob", 61))
        let context = try tree.context()
        _ = try VerifyStragglersStep().apply(context)
        let bob = tree.folder.path + "/mail/example.jp/bob"
        #expect(try maildirMessageIDs(bob) == ["<0.bob@mini.example>", "<61.bob@mini.example>"])
        for part in ["cur", "new"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: bob + "/" + part) {
                try FileManager.default.removeItem(atPath: bob + "/" + part + "/" + name)
            }
        }
        #expect(try VerifyStragglersStep().verify(context) == .holds)
        _ = try VerifyStragglersStep().apply(context)
        #expect(try maildirMessageIDs(bob).isEmpty)
        #expect(tree.server.exists("old/example.jp/bob/cur/seeded:2,S") && tree.server.exists("old/example.jp/bob/new/late"))
    }

    /// The same mail in an old mbox (From line, Status/X-UID, mboxrd quoting) and in the new Maildir is one
    /// message: only the mbox's other message is copied, and the mbox keeps both (removing is not built).
    @Test func mboxAndMaildirCopiesAreOneMessage() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old", "layout": "mbox"], "move": true]])
        let stored = Self.asOldServerStored(MiniServer.message("alice", 0))
        let mbox = "From a@b.example Mon Nov 23 10:00:00 2026\n"
            + stored.replacingOccurrences(of: "\n\n", with: "\nStatus: RO\nX-UID: 7\nContent-Length: 9\n\n") + "\n"
            + "From c@d.example Mon Nov 23 11:00:00 2026\nMessage-ID: <other@x>\nStatus: RO\n\n>From me\n"
        try tree.server.write("old/example.jp/alice/INBOX", mbox)
        let context = try tree.context()
        let done = try VerifyStragglersStep().apply(context)
        #expect(done.summary == "1 stragglers moved, 0 unmovable")
        let alice = tree.folder.path + "/mail/example.jp/alice"
        #expect(try maildirMessageIDs(alice) == ["<0.alice@mini.example>", "<1.alice@mini.example>", "<other@x>"])
        #expect(try tree.server.read("old/example.jp/alice/INBOX") == mbox)
        #expect(try VerifyStragglersStep().verify(context) == .holds)
    }

    /// Mail on the old side for a removed account stays there, even with `move`, and is reported by account and
    /// count; the renamed `~carol` mailbox ends exactly as it was.
    @Test func removedAccountMailStaysAndIsReported() throws {
        let tree = try TestTree(extraPlan: ["stragglers": Self.source])
        try tree.server.write("old/example.jp/carol/cur/a:2,S", MiniServer.message("carol", 70))
        try tree.server.write("old/example.jp/carol/new/b", MiniServer.message("carol", 71))
        let before = try TreeDigest.of(tree.folder.path + "/mail/example.jp/carol")
        let report = try tree.run()
        let step = try #require(report.steps.first { $0.step == .verifyStragglers })
        #expect(step.actions.contains { $0.kind == .warning && $0.detail == "2 messages for removed account carol stay on the old side" })
        #expect(tree.server.exists("old/example.jp/carol/cur/a:2,S") && tree.server.exists("old/example.jp/carol/new/b"))
        #expect(try TreeDigest.of(tree.folder.path + "/mail/example.jp/~carol") == before)
    }

    /// A corrupt ledger line stops the step (exit 1, a step failure) naming the file and line; nothing moves.
    @Test func corruptLedgerLineStopsTheStep() throws {
        let tree = try TestTree(extraPlan: ["stragglers": Self.source])
        try tree.server.write("old/example.jp/bob/new/late", MiniServer.message("bob", 50))
        let good = #"{"account":"bob","digest":"00","outcome":"copied","received":1,"source":"x"}"#
        try tree.server.write("state/stragglers.jsonl", good + "\n{\"account\": \"bob\", \"dig\n" + good + "\n")
        #expect {
            try VerifyStragglersStep().apply(try tree.context())
        } throws: { error in
            "\(error)".contains("state/stragglers.jsonl line 2 is not a straggler record")
        }
        let report = try tree.run(RunOptions(only: .verifyStragglers))
        #expect(report.steps.first?.outcome == .failed)
        #expect(report.failure?.message.contains("stragglers.jsonl line 2") == true)
        #expect(tree.server.exists("old/example.jp/bob/new/late"))
    }

    /// A torn last ledger line (a crash mid-append) is ignored, and cut before the next record is appended, so it
    /// never becomes a corrupt line in the middle.
    @Test func tornLastLedgerLineIsIgnored() throws {
        let tree = try TestTree(extraPlan: ["stragglers": Self.source])
        try tree.server.write("old/example.jp/bob/new/late", MiniServer.message("bob", 50))
        try tree.server.write("state/stragglers.jsonl", #"{"account":"bob","digest":"00","outcome":"copied","received":1,"source":"x"}"#
            + "\n{\"account\": \"bob\", \"dig")
        let context = try tree.context()
        _ = try VerifyStragglersStep().apply(context)
        #expect(tree.server.exists("mail/example.jp/bob/new/late"))
        let ledger = try tree.server.read("state/stragglers.jsonl")
        #expect(ledger.hasSuffix("\n") && !ledger.contains("\"dig\n") && ledger.split(separator: "\n").count == 2)
        #expect(try StragglerLedger(state: context.state).read().contains("bob", "00"))
    }
}
