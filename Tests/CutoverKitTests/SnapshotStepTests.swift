import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("snapshot step")
struct SnapshotStepTests {
    /// The snapshot holds the index, the transport map and every mailbox with a manifest line per file; a hard
    /// link pair stays one file with two names.
    @Test func copiesEverythingWithManifestAndHardLinks() throws {
        let tree = try TestTree()
        try tree.server.write("mail/example.jp/alice/.forward", "alice@elsewhere.example\n")
        try FileManager.default.linkItem(atPath: tree.folder.path + "/mail/example.jp/alice/.forward",
                                         toPath: tree.folder.path + "/mail/example.jp/alice/.qmail")
        let context = try tree.context()
        let preview = try SnapshotStep().preview(context)
        #expect(preview.summary.hasPrefix("10 files,"))
        _ = try SnapshotStep().apply(context)
        let snapshot = try #require(try context.state.latestSnapshot())
        let manifest = try FileReading.text(snapshot.manifest).split(separator: "\n")
        #expect(manifest.count == 10)
        #expect(manifest.contains { $0.contains(#""link":"mailboxes/example.jp/alice/.forward""#) })
        let forward = try FileStatus.of(snapshot.path + "/mailboxes/example.jp/alice/.forward")
        let qmail = try FileStatus.of(snapshot.path + "/mailboxes/example.jp/alice/.qmail")
        #expect(forward.inode == qmail.inode)
        #expect(try snapshot.copy(of: tree.folder.path + "/passwd") == snapshot.path + "/index/passwd")
        #expect(try SnapshotStep().verify(context) == .holds)
    }

    /// A copy cut short (a `.partial` folder left by a crash) does not count, and the next apply starts it afresh.
    @Test func partialSnapshotIsRedone() throws {
        let tree = try TestTree()
        let context = try tree.context()
        try FileManager.default.createDirectory(atPath: tree.folder.path + "/state/snapshots/1.partial/mailboxes",
                                                withIntermediateDirectories: true)
        #expect(try SnapshotStep().verify(context) != .holds)
        _ = try SnapshotStep().apply(context)
        let names = try FileManager.default.contentsOfDirectory(atPath: tree.folder.path + "/state/snapshots")
        #expect(names.count == 1 && !names[0].hasSuffix(".partial"))
        #expect(try SnapshotStep().verify(context) == .holds)
    }

    /// A folder nested past the limit inside a mailbox fails the snapshot by path, without a crash; once it is
    /// dealt with, the next apply completes (what the failed one left does not get in the way).
    @Test func tooDeepMailboxFailsCleanlyAndResumes() throws {
        let tree = try TestTree()
        let deep = tree.folder.path + "/mail/example.jp/alice/cur/x" + String(repeating: "/x", count: 300)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        let context = try tree.context()
        let error = #expect(throws: TreeTooDeep.self) { try SnapshotStep().apply(context) }
        #expect(error?.path.hasPrefix(tree.folder.path + "/mail/example.jp/alice/cur/x/x") == true)
        #expect(try SnapshotStep().verify(context) != .holds)
        try FileManager.default.removeItem(atPath: tree.folder.path + "/mail/example.jp/alice/cur/x")
        _ = try SnapshotStep().apply(context)
        #expect(try SnapshotStep().verify(context) == .holds)
    }
}
