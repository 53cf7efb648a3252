import CutoverFormats
import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

@Suite("import-accounts step")
struct ImportAccountsStepTests {
    /// The preview counts added, removed, changed and kept accounts by name, and changes nothing.
    @Test func previewCountsEveryKind() throws {
        let tree = try TestTree()
        let before = try tree.server.read("passwd")
        let preview = try ImportAccountsStep().preview(try tree.context())
        #expect(preview.summary == "accounts: 1 added, 1 removed, 1 changed, 1 kept")
        #expect(preview.actions.contains(PlannedAction(.add, "dave")))
        #expect(preview.actions.contains(PlannedAction(.remove, "carol")))
        #expect(preview.actions.contains(PlannedAction(.change, "bob", "password changed")))
        #expect(try tree.server.read("passwd") == before)
    }

    /// Apply writes the new index: kept hashes untouched, changed ones rehashed, extra fields kept, new
    /// entries in the existing style; no plaintext is written.
    @Test func applyRewritesTheIndex() throws {
        let tree = try TestTree()
        let context = try tree.context()
        _ = try ImportAccountsStep().apply(context)
        let text = try tree.server.read("passwd")
        #expect(text.hasPrefix("# accounts\n"))
        #expect(text.contains("alice@example.jp:{FAKE}1$wp-a:5000:5000:Alice:/srv/mail/example.jp/alice::"))
        #expect(!text.contains("carol"))
        #expect(!text.contains("new-pw") && !text.contains("d-pw"))
        let dave = try #require(text.split(separator: "\n").first { $0.hasPrefix("dave@example.jp:") })
        #expect(dave.contains(":5000:5000:江口 大輔:/srv/mail/example.jp/dave:"))
        #expect(FakeHasher().verify("new-pw", against: String(text.split(separator: "\n").first { $0.hasPrefix("bob@") }!
            .split(separator: ":")[1])) == true)
        #expect(try ImportAccountsStep().verify(context) == .holds)
    }

    /// Applying again changes not a byte: kept passwords still verify, so no new salt is drawn.
    @Test func reapplyChangesNothing() throws {
        let tree = try TestTree()
        let context = try tree.context()
        _ = try ImportAccountsStep().apply(context)
        let first = try tree.server.read("passwd")
        let again = try ImportAccountsStep().apply(context)
        #expect(again.summary == "accounts: 0 added, 0 removed, 0 changed, 3 kept")
        #expect(try tree.server.read("passwd") == first)
    }

    /// The recipient map lists exactly the new accounts and keeps other domains' lines.
    @Test func regeneratesTheRecipientMap() throws {
        let tree = try TestTree(extraPlan: ["accounts": [
            "index": ["path": "passwd", "format": "passwd-file"], "import": ["path": "accounts.txt", "format": "userlist"],
            "recipientMap": ["path": "vmailbox", "format": "postfix-vmailbox", "reload": ["postmap", "vmailbox"]],
        ]])
        try tree.server.write("vmailbox", "carol@example.jp example.jp/carol/\npm@other.example other.example/pm/\n")
        tree.world.on("postmap") { _ in ProcessResult(exitStatus: 0, output: "") }
        let context = try tree.context()
        _ = try ImportAccountsStep().apply(context)
        let map = try tree.server.read("vmailbox")
        #expect(map.contains("alice@example.jp\texample.jp/alice/"))
        #expect(map.contains("dave@example.jp\texample.jp/dave/"))
        #expect(!map.contains("carol@"))
        #expect(map.contains("pm@other.example other.example/pm/"))
        #expect(tree.world.commands == [["postmap", "vmailbox"]])
        #expect(try ImportAccountsStep().verify(context) == .holds)
    }

    /// A reload that fails leaves the step unfinished, and the next apply runs the reload again.
    @Test func failedReloadIsRetriedOnResume() throws {
        let tree = try TestTree(extraPlan: ["accounts": [
            "index": ["path": "passwd", "format": "passwd-file"], "import": ["path": "accounts.txt", "format": "userlist"],
            "recipientMap": ["path": "vmailbox", "reload": ["postmap", "vmailbox"]],
        ]])
        try tree.server.write("vmailbox", "")
        tree.world.on("postmap") { _ in ProcessResult(exitStatus: 1, output: "postmap: fatal: boom") }
        let context = try tree.context()
        #expect(throws: StepFailure.self) { try ImportAccountsStep().apply(context) }
        #expect(try ImportAccountsStep().verify(context) != .holds)
        tree.world.on("postmap") { _ in ProcessResult(exitStatus: 0, output: "") }
        _ = try ImportAccountsStep().apply(context)
        #expect(try ImportAccountsStep().verify(context) == .holds)
    }

    /// Only a well-formed hash of a scheme the plan allows is written as is; `{Secr}3t`, `{2024}Summer!`,
    /// `{PLAIN}b-pw` and a `$6$` value of the wrong length are plaintext passwords and are hashed.
    @Test func braceLookingPlaintextIsHashed() throws {
        let tree = try TestTree(incoming: "alice,{Secr}3t,Alice\nbob,{PLAIN}b-pw,Bob\ndave,{2024}Summer!\n"
            + "erin,{SHA512-CRYPT}$6$salt$short\nfrank,\(Self.sha512)\n")
        _ = try ImportAccountsStep().apply(try tree.context())
        let text = try tree.server.read("passwd")
        for plaintext in ["{Secr}3t", "{PLAIN}b-pw", "{2024}Summer!", "$6$salt$short"] {
            #expect(!text.contains(plaintext), "\(plaintext) reached the index")
        }
        #expect(text.contains("frank@example.jp:\(Self.sha512):"))
    }

    /// A well-formed SHA512-CRYPT value (86 characters after the salt).
    static let sha512 = "{SHA512-CRYPT}$6$rounds=5000$abcdefgh$" + String(repeating: "x", count: 86)

    /// A passwd-file import carries uid, gid, home and extra fields: a new account takes them from it.
    @Test func passwdFileImportCarriesFieldsOfNewAccounts() throws {
        let tree = try TestTree(extraPlan: ["accounts": [
            "index": ["path": "passwd", "format": "passwd-file"], "import": ["path": "import.passwd", "format": "passwd-file"],
        ]])
        try tree.server.write("import.passwd", "alice@example.jp:{FAKE}1$wp-a:5000:5000:Alice:/srv/mail/example.jp/alice::\n"
            + "bob@example.jp:{FAKE}1$wp-b:5000:5000:Bob:/srv/mail/example.jp/bob::\n"
            + "newbie@example.jp:\(Self.sha512):6000:6001:New B:/home/newbie::userdb_quota_rule=*:storage=5G\n")
        _ = try ImportAccountsStep().apply(try tree.context())
        let text = try tree.server.read("passwd")
        #expect(text.contains("newbie@example.jp:\(Self.sha512):6000:6001:New B:/home/newbie::userdb_quota_rule=*:storage=5G\n"))
    }
}
