import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Mailbox folders that are symbolic links: followed into `mailboxes.linkedRoots`, never anywhere else.
@Suite("linked mailbox folders")
struct LinkedMailboxTests {
    /// A mailbox moved to another disk named in `linkedRoots` is snapshotted by content (the link kept as a link);
    /// one that links anywhere else is kept as a link only and reported.
    @Test func snapshotCopiesLinkedMailboxesByContent() throws {
        let outside = try TemporaryDirectory(prefix: "cutover-elsewhere")
        let tree = try TestTree(extraPlan: ["mailboxes": [
            "root": "mail", "layout": "maildir", "pathTemplate": "%d/%n", "createForNewAccounts": true,
            "linkedRoots": ["disk2"],
        ]])
        let mail = tree.folder.path + "/mail/example.jp"
        try FileManager.default.moveItem(atPath: mail + "/bob", toPath: tree.folder.path + "/disk2-bob")
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/disk2", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: tree.folder.path + "/disk2-bob", toPath: tree.folder.path + "/disk2/bob")
        try FileManager.default.createSymbolicLink(atPath: mail + "/bob", withDestinationPath: tree.folder.path + "/disk2/bob")
        try FileManager.default.moveItem(atPath: mail + "/carol", toPath: outside.path + "/carol")
        try FileManager.default.createSymbolicLink(atPath: mail + "/carol", withDestinationPath: outside.path + "/carol")

        let context = try tree.context()
        let done = try SnapshotStep().apply(try SnapshotStep().work(context), context)
        let snapshot = try #require(try context.state.latestSnapshot())
        let copied = snapshot.path + "/linked/mailboxes/example.jp/bob/cur"
        #expect(try FileManager.default.contentsOfDirectory(atPath: copied).count == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: snapshot.path + "/mailboxes/example.jp/bob")
            == tree.folder.path + "/disk2/bob")
        #expect(!FileManager.default.fileExists(atPath: snapshot.path + "/linked/mailboxes/example.jp/carol"))
        #expect(done.warnings.contains { $0.subject.hasSuffix("mail/example.jp/carol") && $0.detail?.contains("not followed") == true })
        let manifest = try String(contentsOfFile: snapshot.path + "/manifest.jsonl", encoding: .utf8)
        #expect(manifest.contains("linked/mailboxes/example.jp/bob/cur/"))
        #expect(try SnapshotStep().verify(context) == .holds)
    }
}
