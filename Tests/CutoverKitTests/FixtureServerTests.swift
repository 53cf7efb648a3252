import CutoverTestSupport
import Foundation
import Testing

/// The generated large server and the tree digest the end-to-end tests compare with.
@Suite("fixture server and tree digest")
struct FixtureServerTests {
    /// makeLarge writes the promised accounts, mailboxes, messages and import mix, and its outcome lists add up.
    @Test func largeServerHasThePromisedShape() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tree = try FixtureServer.makeLarge(at: folder.path, accounts: 200, messagesPerAccount: 3, seed: 7)
        #expect(tree.planPath == folder.path + "/plan.json")

        let passwd = try lines(folder.path + "/passwd")
        #expect(passwd.count == 200)
        let incoming = try lines(folder.path + "/accounts.txt")
        #expect(incoming.count == tree.kept.count + tree.changed.count + tree.added.count)
        #expect(tree.kept.count + tree.changed.count + tree.removed.count == 200)
        #expect(tree.added.count == 20)
        #expect((140...180).contains(tree.kept.count) && (8...40).contains(tree.removed.count))
        #expect(incoming.contains { $0.hasSuffix(",") } && incoming.contains { $0.hasSuffix(", ") })

        let mail = folder.path + "/mail/example.jp"
        let mailboxes = try FileManager.default.contentsOfDirectory(atPath: mail)
        #expect(mailboxes.filter { !$0.hasPrefix("~") }.count == 200)
        #expect(mailboxes.filter { $0.hasPrefix("~") }.count == (tree.removed.count + 1) / 2)
        let messages = try FileManager.default.subpathsOfDirectory(atPath: mail)
            .filter { !$0.hasPrefix("~") && ($0.contains("/cur/") || $0.contains("/new/")) }
        #expect(messages.count == 200 * 3)
        let old = try FileManager.default.subpathsOfDirectory(atPath: folder.path + "/old-mail/example.jp")
        #expect(old.contains { $0.hasSuffix(".oldhost") } && old.contains { $0.hasSuffix(":2,RS") })
    }

    /// The same seed writes the same bytes; another seed writes another server.
    @Test func largeServerIsDeterministic() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        let third = try TemporaryDirectory()
        defer { first.remove(); second.remove(); third.remove() }
        _ = try FixtureServer.makeLarge(at: first.path, accounts: 100, messagesPerAccount: 2, seed: 42)
        _ = try FixtureServer.makeLarge(at: second.path, accounts: 100, messagesPerAccount: 2, seed: 42)
        _ = try FixtureServer.makeLarge(at: third.path, accounts: 100, messagesPerAccount: 2, seed: 43)
        #expect(try TreeDigest.of(first.path) == TreeDigest.of(second.path))
        #expect(try TreeDigest.of(first.path) != TreeDigest.of(third.path))
    }

    /// The copied demo is byte for byte the checkout's, modes included.
    @Test func demoCopyIsExact() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tree = try FixtureServer.copyDemo(to: folder.path)
        #expect(FileManager.default.fileExists(atPath: tree.planPath))
        #expect(try TreeDigest.of(tree.serverPath) == TreeDigest.of(FixtureServer.checkout + "/Fixtures/demo-server"))
    }

    /// The digest sees content, mode and symlink changes, and skips what `exclude` names with all below it.
    @Test func digestSeesChangesAndHonoursExclude() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let root = folder.path
        try FileManager.default.createDirectory(atPath: root + "/a/state", withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: root + "/a/file"))
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "a/file")
        let before = try TreeDigest.of(root)
        #expect(Set(before.keys) == ["a", "a/state", "a/file", "link"])

        try Data("two".utf8).write(to: URL(fileURLWithPath: root + "/a/state/journal"))
        #expect(try TreeDigest.of(root) { $0 == "a/state" } == before.filter { $0.key != "a/state" })
        try Data("One".utf8).write(to: URL(fileURLWithPath: root + "/a/file"))
        #expect(try TreeDigest.of(root)["a/file"] != before["a/file"])
        chmod(root + "/a", 0o700)
        #expect(try TreeDigest.of(root)["a"] != before["a"])
        try FileManager.default.removeItem(atPath: root + "/link")
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "a")
        #expect(try TreeDigest.of(root)["link"] != before["link"])
    }

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("#") }
    }
}
