import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("prestage and the delta snapshot")
struct PrestageTests {
    /// Runs `cutover prestage`'s steps on the tree.
    private func prestage(_ tree: TestTree) throws -> RunReport {
        let context = try tree.context()
        return try Runner(context: context, steps: PrestageSteps.of(context.plan)).run(RunOptions())
    }

    /// Between prestage and cutover a message arrives, one is deleted, one is flagged (renamed), one is rewritten,
    /// and a hard link appears: the snapshot taken from the staged copy is the snapshot a full copy takes of the
    /// same world, file for file, with the same manifest and the same hard links.
    @Test func deltaSnapshotEqualsFullSnapshot() throws {
        let tree = try TestTree(mailboxes: ["alice": 4, "bob": 3, "carol": 2])
        let mail = tree.folder.path + "/mail/example.jp"
        #expect(try prestage(tree).failure == nil)
        try tree.server.write("mail/example.jp/alice/new/1800000000.M1P9.late", "Message-ID: <late@x>\r\n\r\nlate\r\n")
        try FileManager.default.removeItem(atPath: mail + "/bob/cur/170000000.M0P1.mini:2,S")
        try FileManager.default.moveItem(atPath: mail + "/alice/cur/170000001.M1P1.mini:2,S",
                                         toPath: mail + "/alice/cur/170000001.M1P1.mini:2,RS")
        try tree.server.write("mail/example.jp/carol/cur/170000000.M0P1.mini:2,S", "rewritten\r\n")
        try FileManager.default.linkItem(atPath: mail + "/alice/cur/170000002.M2P1.mini:2,S",
                                         toPath: mail + "/bob/cur/shared")
        try FileManager.default.createDirectory(atPath: mail + "/dave/cur", withIntermediateDirectories: true)

        let context = try tree.context()
        let preview = try SnapshotStep().preview(context)
        #expect(preview.summary.contains("from the staged copy: 4 copied"), "\(preview.summary)")
        #expect(preview.summary.contains("1 renamed"), "\(preview.summary)")
        _ = try SnapshotStep().apply(context)
        let staged = try #require(try context.state.latestSnapshot())
        #expect(!FileManager.default.fileExists(atPath: context.state.snapshots + "/staging"))

        context.effects.clock.sleep(seconds: 1)
        _ = try SnapshotStep().apply(context)   // no staged copy any more: a full copy
        let full = try #require(try context.state.latestSnapshot())
        #expect(full.path != staged.path)
        #expect(try FileReading.text(staged.manifest) == FileReading.text(full.manifest))
        let skip: (String) -> Bool = { $0 == "snapshot.json" }
        #expect(try TreeDigest.of(staged.path, exclude: skip) == TreeDigest.of(full.path, exclude: skip))
        let first = try FileStatus.of(staged.path + "/mailboxes/example.jp/alice/cur/170000002.M2P1.mini:2,S")
        let second = try FileStatus.of(staged.path + "/mailboxes/example.jp/bob/cur/shared")
        #expect(first.inode == second.inode)
    }

    /// Two files swap names between prestage and cutover (each copy then takes the other's place, one of them by
    /// way of the side area): both are renamed, none copied, and the snapshot equals a full one.
    @Test func swappedNamesAreRenamed() throws {
        let tree = try TestTree(mailboxes: ["alice": 3])
        #expect(try prestage(tree).failure == nil)
        let cur = tree.folder.path + "/mail/example.jp/alice/cur/"
        let (one, two) = (cur + "170000000.M0P1.mini:2,S", cur + "170000001.M1P1.mini:2,S")
        try FileManager.default.moveItem(atPath: one, toPath: cur + "swap")
        try FileManager.default.moveItem(atPath: two, toPath: one)
        try FileManager.default.moveItem(atPath: cur + "swap", toPath: two)

        let context = try tree.context()
        let summary = try SnapshotStep().apply(context).summary
        #expect(summary.contains("copied (0 bytes), 2 renamed, 0 removed"), "\(summary)")
        let staged = try #require(try context.state.latestSnapshot())
        context.effects.clock.sleep(seconds: 1)
        _ = try SnapshotStep().apply(context)
        let full = try #require(try context.state.latestSnapshot())
        #expect(try FileReading.text(staged.manifest) == FileReading.text(full.manifest))
        let skip: (String) -> Bool = { $0 == "snapshot.json" }
        #expect(try TreeDigest.of(staged.path, exclude: skip) == TreeDigest.of(full.path, exclude: skip))
    }

    /// An update cut short leaves the staged copy ahead of its record (a file renamed, a copy half written, one
    /// removed): the next snapshot trusts only what the record vouches for and still equals a full copy.
    @Test func interruptedUpdateIsReconciled() throws {
        let tree = try TestTree(mailboxes: ["alice": 3, "bob": 2])
        #expect(try prestage(tree).failure == nil)
        let context = try tree.context()
        let staging = context.state.snapshots + "/staging/mailboxes/example.jp"
        try Data().write(to: URL(fileURLWithPath: context.state.path + "/staging-dirty"))
        try FileManager.default.moveItem(atPath: staging + "/alice/cur/170000000.M0P1.mini:2,S",
                                         toPath: staging + "/alice/cur/renamed")
        try Data("half".utf8).write(to: URL(fileURLWithPath: staging + "/bob/cur/170000001.M1P1.mini:2,S.partial"))
        try FileManager.default.removeItem(atPath: staging + "/bob/cur/170000000.M0P1.mini:2,S")

        _ = try SnapshotStep().apply(context)
        let staged = try #require(try context.state.latestSnapshot())
        context.effects.clock.sleep(seconds: 1)
        _ = try SnapshotStep().apply(context)
        let full = try #require(try context.state.latestSnapshot())
        #expect(try FileReading.text(staged.manifest) == FileReading.text(full.manifest))
        let skip: (String) -> Bool = { $0 == "snapshot.json" }
        #expect(try TreeDigest.of(staged.path, exclude: skip) == TreeDigest.of(full.path, exclude: skip))
    }

    /// The prepared index is swapped in when the index and import list are what prestage read; the run says so,
    /// and the index then is byte for byte the prepared one.
    @Test func preparedIndexIsSwappedIn() throws {
        let tree = try TestTree()
        #expect(try prestage(tree).failure == nil)
        let context = try tree.context()
        let preview = try ImportAccountsStep().preview(context)
        #expect(preview.actions.contains { $0.kind == .note && $0.detail?.contains("swapped in") == true })
        _ = try ImportAccountsStep().apply(context)
        #expect(try tree.server.read("passwd") == String(contentsOfFile: context.state.path + "/prepared-index", encoding: .utf8))
        #expect(try ImportAccountsStep().verify(context) == .holds)
    }

    /// An import list edited after the prestage is not served by the prepared index: the run hashes afresh and
    /// says why.
    @Test func changedImportListIsNotServedByThePreparedIndex() throws {
        let tree = try TestTree()
        #expect(try prestage(tree).failure == nil)
        try tree.server.write("accounts.txt", TestTree.incoming + "erin,e-pw,Erin\n")
        let context = try tree.context()
        let preview = try ImportAccountsStep().preview(context)
        #expect(preview.actions.contains { $0.kind == .note && $0.detail?.contains("the import list changed") == true })
        #expect(preview.actions.contains { $0.kind == .add && $0.subject == "erin" })
        _ = try ImportAccountsStep().apply(context)
        #expect(try tree.server.read("passwd").contains("erin@example.jp"))
        #expect(try ImportAccountsStep().verify(context) == .holds)
    }

    /// Once the import wrote the index, checking it again needs no password verification at all.
    @Test func verifyAfterImportNeedsNoCrypt() throws {
        let tree = try TestTree()
        _ = try ImportAccountsStep().apply(try tree.context())
        var context = try tree.context()
        context.effects.hasher = RefusingHasher()
        #expect(try ImportAccountsStep().verify(context) == .holds)
    }

    /// A dry-run prestage changes nothing on disk.
    @Test func dryRunChangesNothing() throws {
        let tree = try TestTree()
        let before = try TreeDigest.of(tree.folder.path)
        let context = try tree.context()
        let report = try Runner(context: context, steps: PrestageSteps.of(context.plan)).run(RunOptions(dryRun: true))
        #expect(report.steps.map(\.step) == [.prestageSnapshot, .prestageImport])
        #expect(try TreeDigest.of(tree.folder.path) == before)
    }
}

/// A hasher that fails the test when asked anything: proves a code path does no crypt work.
private struct RefusingHasher: PasswordHashing {
    func hash(_ plaintext: String, scheme: PasswordScheme) throws -> String {
        Issue.record("hash called")
        return ""
    }

    func verify(_ plaintext: String, against stored: String) -> Bool? {
        Issue.record("verify called")
        return nil
    }
}
