import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Glibc
import Testing

/// The delta snapshot after a prestage lists again only the Maildir message folders whose stamp (mtime and inode,
/// taken as the prestage listed them) moved, and is still exactly the snapshot a full copy takes.
@Suite("delta snapshot: folders skipped by their stamp")
struct FolderStampTests {
    private func prestage(_ tree: TestTree) throws {
        let context = try tree.context()
        #expect(try Runner(context: context, steps: PrestageSteps.of(context.plan)).run(RunOptions()).failure == nil)
    }

    /// Sets the mtime of `folder` (relative to the mail domain) `seconds` back from now, to the nanosecond.
    private func setTime(_ tree: TestTree, _ folder: String, secondsAgo seconds: Int) throws {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        try setTime(tree, folder, timespec(tv_sec: now.tv_sec - seconds, tv_nsec: now.tv_nsec))
    }

    private func setTime(_ tree: TestTree, _ folder: String, _ time: timespec) throws {
        let path = tree.folder.path + "/mail/example.jp/" + folder
        var times = [time, time]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0, "\(path)")
    }

    /// Every folder of every mailbox an hour old, as in a store where nothing happened lately.
    private func age(_ tree: TestTree, _ users: [String]) throws {
        for user in users {
            for part in ["cur", "new", "tmp", ""] { try setTime(tree, user + (part.isEmpty ? "" : "/" + part), secondsAgo: 3600) }
        }
    }

    /// Takes the cutover's snapshot from the staged copy, then a full one of the same world: the manifests are the
    /// same text and the copies the same files. Returns the staged snapshot step's summary.
    private func stagedEqualsFull(_ tree: TestTree) throws -> String {
        let context = try tree.context()
        let summary = try SnapshotStep().apply(context).summary
        #expect(summary.contains("from the staged copy"), "\(summary)")
        let staged = try #require(try context.state.latestSnapshot())
        context.effects.clock.sleep(seconds: 1)
        _ = try SnapshotStep().apply(context)
        let full = try #require(try context.state.latestSnapshot())
        #expect(full.path != staged.path)
        #expect(try FileReading.text(staged.manifest) == FileReading.text(full.manifest))
        let skip: (String) -> Bool = { $0 == "snapshot.json" }
        #expect(try TreeDigest.of(staged.path, exclude: skip) == TreeDigest.of(full.path, exclude: skip))
        return summary
    }

    /// A message arrives in `new/`, one is flagged (renamed) and one deleted in `cur/`: the snapshot holds exactly
    /// that, and the six folders nothing happened in (alice's `tmp/`, bob's `new/` and `tmp/`, carol's three) are
    /// not listed.
    @Test func onlyChangedMessageFoldersAreListed() throws {
        let tree = try TestTree(mailboxes: ["alice": 4, "bob": 3, "carol": 2])
        try age(tree, ["alice", "bob", "carol"])
        try prestage(tree)
        let mail = tree.folder.path + "/mail/example.jp"
        try tree.server.write("mail/example.jp/alice/new/1800000000.M1P9.late", "Message-ID: <late@x>\r\n\r\nlate\r\n")
        try FileManager.default.moveItem(atPath: mail + "/alice/cur/170000001.M1P1.mini:2,S",
                                         toPath: mail + "/alice/cur/170000001.M1P1.mini:2,RS")
        try FileManager.default.removeItem(atPath: mail + "/bob/cur/170000000.M0P1.mini:2,S")

        let summary = try stagedEqualsFull(tree)
        #expect(summary.contains("1 renamed, 1 removed"), "\(summary)")
        #expect(summary.contains("6 folders unchanged, not listed"), "\(summary)")
    }

    /// Dovecot rewrites `dovecot.index` in place (same inode, no rename, the account folder's mtime unmoved): it
    /// is compared on every update all the same, and the snapshot holds its new bytes.
    @Test func indexRewrittenInPlaceIsCopied() throws {
        let tree = try TestTree(mailboxes: ["alice": 2])
        try tree.server.write("mail/example.jp/alice/dovecot.index", "index before\n")
        try age(tree, ["alice"])
        try prestage(tree)
        let index = tree.folder.path + "/mail/example.jp/alice/dovecot.index"
        let before = try FileStatus.of(index).inode
        let handle = try #require(FileHandle(forUpdatingAtPath: index))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("index after the prestage, longer\n".utf8))
        try handle.close()
        #expect(try FileStatus.of(index).inode == before)

        let summary = try stagedEqualsFull(tree)
        #expect(summary.contains("3 folders unchanged, not listed"), "\(summary)")
        let snapshot = try #require(try tree.context().state.latestSnapshot())
        #expect(try FileReading.text(snapshot.path + "/mailboxes/example.jp/alice/dovecot.index")
            == "index after the prestage, longer\n")
    }

    /// A message folder whose mode changed (which does not move its mtime) is still not listed, and its copy in
    /// the snapshot gets the new mode.
    @Test func folderModeChangeReachesTheSnapshot() throws {
        let tree = try TestTree(mailboxes: ["alice": 2])
        try age(tree, ["alice"])
        try prestage(tree)
        #expect(chmod(tree.folder.path + "/mail/example.jp/alice/cur", 0o750) == 0)

        let summary = try stagedEqualsFull(tree)
        #expect(summary.contains("3 folders unchanged, not listed"), "\(summary)")
        // The full snapshot has the new mode, and the staged one equals it, modes included.
        let full = try #require(try tree.context().state.latestSnapshot())
        #expect(try FileStatus.of(full.path + "/mailboxes/example.jp/alice/cur").mode == 0o750)
    }

    /// A folder changed less than two seconds before the prestage listed it is listed again: on a file system
    /// with one-second timestamps a message added right after the listing can leave its mtime where it was
    /// (simulated here by setting it back), and it must still reach the snapshot.
    @Test func folderChangedJustBeforeItsStampIsListedAgain() throws {
        let tree = try TestTree(mailboxes: ["alice": 2, "bob": 1])
        try age(tree, ["alice", "bob"])
        try setTime(tree, "alice/cur", secondsAgo: 1)
        try prestage(tree)
        let cur = tree.folder.path + "/mail/example.jp/alice/cur"
        var stamped = stat()
        #expect(lstat(cur, &stamped) == 0)
        try tree.server.write("mail/example.jp/alice/cur/1800000000.M5P9.late:2,", "Message-ID: <late@x>\r\n\r\nlate\r\n")
        try setTime(tree, "alice/cur", stamped.st_mtim)

        let summary = try stagedEqualsFull(tree)
        #expect(summary.contains("5 folders unchanged, not listed"), "\(summary)")
        #expect(try FileReading.text(try #require(try tree.context().state.latestSnapshot()).manifest).contains("M5P9.late"))
    }

    /// A message copied to another folder as a hard link (as Dovecot copies), once into a folder later in the walk
    /// than the untouched folder holding it and once into an earlier one (the new name then comes first): the
    /// snapshot has the same links and first names as a full copy, and no message is read again (the first name
    /// that moved ahead takes the copy the mirror had).
    @Test func newHardLinksToFilesInUntouchedFolders() throws {
        let tree = try TestTree(mailboxes: ["alice": 2, "bob": 2, "carol": 2])
        try age(tree, ["alice", "bob", "carol"])
        try prestage(tree)
        let mail = tree.folder.path + "/mail/example.jp"
        try FileManager.default.linkItem(atPath: mail + "/alice/cur/170000000.M0P1.mini:2,S",
                                         toPath: mail + "/bob/new/1800000000.M1P1.copy")
        try FileManager.default.linkItem(atPath: mail + "/carol/cur/170000001.M1P1.mini:2,S",
                                         toPath: mail + "/alice/new/1800000000.M2P1.copy")

        let summary = try stagedEqualsFull(tree)
        #expect(summary.contains("copied (0 bytes), 1 renamed"), "\(summary)")
        let snapshot = try #require(try tree.context().state.latestSnapshot())
        let manifest = try FileReading.text(snapshot.manifest)
        #expect(manifest.contains(#""link":"mailboxes/example.jp/alice/cur/170000000.M0P1.mini:2,S""#))
        #expect(manifest.contains(#""link":"mailboxes/example.jp/alice/new/1800000000.M2P1.copy""#))
    }
}
