@testable import CutoverKit
import CutoverFormats
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Tests run as root, so they can chown.
@Suite("ownership of new mailboxes")
struct AccountFolderOwnershipTests {
    static let vmail = Ownership(uid: 5000, gid: 5000, mode: 0o700)

    /// The mini tree with its mailboxes owned by the mail user and a root-owned 0700 `Archive-2019` beside them,
    /// which sorts before every mailbox.
    static func treeWithArchive() throws -> TestTree {
        let tree = try TestTree()
        let domain = tree.folder.path + "/mail/example.jp"
        for name in ["alice", "bob", "carol"] {
            #expect(chown(domain + "/" + name, 5000, 5000) == 0 && chmod(domain + "/" + name, 0o700) == 0)
        }
        try FileManager.default.createDirectory(atPath: domain + "/Archive-2019", withIntermediateDirectories: false)
        #expect(chmod(domain + "/Archive-2019", 0o700) == 0)
        return tree
    }

    /// A folder that is not an account's never sets the ownership: what most folders share does.
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func strayRootFolderDoesNotWin() throws {
        let tree = try Self.treeWithArchive()
        let domain = tree.folder.path + "/mail/example.jp"
        #expect(try AccountFolderOwnership.forNewFolder(in: domain, excluding: "dave") == Self.vmail)
        _ = try RenameRemovedStep().apply(try tree.context())
        #expect(Ownership(of: try FileStatus.of(domain + "/dave")) == Self.vmail)
        #expect(Ownership(of: try FileStatus.of(domain + "/dave/new")) == Self.vmail)
    }

    /// An account whose passwd-file entry gives a uid and gid gets them, with the mode its peers' mailboxes share;
    /// one without gets what the existing account mailboxes share, whatever else is in the folder.
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func accountsOwnIDsComeFirst() throws {
        let tree = try Self.treeWithArchive()
        let plan = try tree.plan()
        let existing = try AccountFiles(plan: plan).index().accounts(in: plan.domain)
        let entry = PasswdFileEntry(userID: "dave", domain: "example.jp", password: "x", uid: "6000", gid: "6001")
        let dave = IndexedAccount(userID: "dave", password: "x", fullName: "", line: 1, passwdEntry: entry)
        #expect(try AccountFolderOwnership.forNewMailbox(of: dave, existing: existing, plan: plan)
            == Ownership(uid: 6000, gid: 6001, mode: 0o700))
        let plain = IndexedAccount(userID: "dave", password: "x", fullName: "", line: 1)
        #expect(try AccountFolderOwnership.forNewMailbox(of: plain, existing: existing, plan: plan) == Self.vmail)
    }

    /// Ties go to a non-root owner, whatever the order the folders were listed in.
    @Test func tiesPreferTheMailUser() {
        let root = Ownership(uid: 0, gid: 0, mode: 0o700)
        #expect(AccountFolderOwnership.mostCommon([root, Self.vmail]) == Self.vmail)
        #expect(AccountFolderOwnership.mostCommon([Self.vmail, root]) == Self.vmail)
        #expect(AccountFolderOwnership.mostCommon([root, root, Self.vmail]) == root)
        #expect(AccountFolderOwnership.mostCommon([]) == nil)
    }
}
