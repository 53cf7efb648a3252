@testable import CutoverKit
import CutoverTestSupport
import Foundation
import Glibc
import Testing

@Suite("the state folder is ours alone")
struct StateFolderTrustTests {
    /// A new state folder is created 0700.
    @Test func createdPrivate() throws {
        let tree = try TestTree()
        let state = StateFolder(path: tree.folder.path + "/state")
        try state.create()
        let attributes = try FileManager.default.attributesOfItem(atPath: state.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    /// An existing state folder writable by others (1777, 0775) is refused at validation with the `chmod` that fixes it.
    @Test(arguments: [0o1777, 0o775] as [mode_t])
    func writableByOthersIsRefused(_ mode: mode_t) throws {
        let tree = try TestTree()
        let path = tree.folder.path + "/state"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(chmod(path, mode) == 0)
        let text = try #require(throws: PlanInvalid.self) { try tree.plan() }.description
        #expect(text.contains("\(path): the state folder can be written by others"))
        #expect(text.contains("run `chmod 700 \(path)`"))
        #expect(throws: PlanInvalid.self) { try StateFolder(path: path).create() }
    }

    /// A state folder owned by another user is refused (needs root to set up).
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func ownedBySomeoneElseIsRefused() throws {
        let tree = try TestTree()
        let path = tree.folder.path + "/state"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(chown(path, 4242, 4242) == 0 && chmod(path, 0o700) == 0)
        let text = try #require(throws: PlanInvalid.self) { try tree.plan() }.description
        #expect(text.contains("the state folder is owned by uid 4242"))
    }

    /// A torn last journal line is cut away before the next entry, and the human log says so.
    @Test func tornJournalLineIsCutAndNoted() throws {
        let tree = try TestTree()
        let state = StateFolder(path: tree.folder.path + "/state")
        try state.create()
        try tree.server.write("state/journal.jsonl", "{\"time\": \"2026-11-")
        #expect(chmod(state.journal, 0o600) == 0)
        _ = try tree.run()
        let journal = try tree.server.read("state/journal.jsonl")
        #expect(journal.hasPrefix("{\"") && !journal.contains("2026-11-\n") && journal.split(separator: "\n").count > 2)
        #expect(try tree.server.read("state/cutover.log").contains("the journal's last line was torn (18 bytes"))
    }
}
