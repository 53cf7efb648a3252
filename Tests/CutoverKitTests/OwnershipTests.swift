import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// The contract's "Ownership": rewritten files keep owner, group and mode; what the cutover creates in the mail
/// root belongs to the owner of the account folders beside it. (Tests run as root, so they can chown.)
@Suite("ownership of rewritten and created files")
struct OwnershipTests {
    static let vmail = Ownership(uid: 5000, gid: 5000, mode: 0o700)

    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func ownersAndModesArePreservedAndInherited() throws {
        try #require(getuid() == 0, "needs root to chown")
        let tree = try TestTree(extraPlan: ["stragglers": StragglerTests.source])
        let root = tree.folder.path
        #expect(chown(root + "/passwd", 0, 5001) == 0 && chmod(root + "/passwd", 0o640) == 0)
        for folder in try FileManager.default.subpathsOfDirectory(atPath: root + "/mail/example.jp") {
            let path = root + "/mail/example.jp/" + folder
            let isFile = try FileStatus.of(path).kind == .regular
            #expect(chown(path, 5000, 5000) == 0 && chmod(path, isFile ? 0o600 : 0o700) == 0)
        }
        #expect(chown(root + "/mail/example.jp", 5000, 5000) == 0)
        try FileManager.default.createDirectory(atPath: root + "/old/example.jp", withIntermediateDirectories: true)
        let context = try tree.context()
        _ = try SnapshotStep().apply(context)
        try tree.server.write("old/example.jp/alice/new/late", MiniServer.message("alice", 77))
        _ = try ImportAccountsStep().apply(context)
        _ = try RenameRemovedStep().apply(context)
        _ = try VerifyStragglersStep().apply(context)

        #expect(Ownership(of: try FileStatus.of(root + "/passwd")) == Ownership(uid: 0, gid: 5001, mode: 0o640))
        for created in ["dave", "dave/cur", "dave/new", "dave/tmp"] {
            #expect(Ownership(of: try FileStatus.of(root + "/mail/example.jp/" + created)) == Self.vmail, "\(created)")
        }
        #expect(Ownership(of: try FileStatus.of(root + "/mail/example.jp/alice/new/late"))
            == Ownership(uid: 5000, gid: 5000, mode: 0o600))
        #expect(Ownership(of: try FileStatus.of(root + "/mail/example.jp/~carol")) == Self.vmail)
    }
}
