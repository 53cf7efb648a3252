import Testing
import CutoverFormats

@Suite("MailboxPathTemplate")
struct MailboxPathTemplateTests {
    /// Placeholders expand to the domain, the user id and a literal '%'.
    @Test func expands() throws {
        #expect(try MailboxPathTemplate("%d/%n").relativePath(domain: "example.jp", userID: "alice")
            == "example.jp/alice")
        #expect(try MailboxPathTemplate("users/%n/Maildir").relativePath(domain: "x", userID: "bob")
            == "users/bob/Maildir")
        #expect(try MailboxPathTemplate("100%%/%d-%n").relativePath(domain: "x.jp", userID: "c") == "100%/x.jp-c")
        #expect(try MailboxPathTemplate("%d/%n").template == "%d/%n")
    }

    /// The inverse finds the user id only in paths the template could have made for that domain.
    @Test func inverts() throws {
        let plain = try MailboxPathTemplate("%d/%n")
        #expect(plain.userID(fromRelativePath: "example.jp/alice", domain: "example.jp") == "alice")
        #expect(plain.userID(fromRelativePath: "example.jp/alice/", domain: "example.jp") == "alice")
        #expect(plain.userID(fromRelativePath: "example.net/alice", domain: "example.jp") == nil)
        #expect(plain.userID(fromRelativePath: "example.jp/alice/.Sent", domain: "example.jp") == nil)
        #expect(plain.userID(fromRelativePath: "example.jp/", domain: "example.jp") == nil)
        #expect(plain.userID(fromRelativePath: "example.jp/~alice", domain: "example.jp") == nil)
        let nested = try MailboxPathTemplate("%d/u-%n/Maildir")
        #expect(nested.userID(fromRelativePath: "x.jp/u-bob.smith/Maildir", domain: "x.jp") == "bob.smith")
        #expect(nested.userID(fromRelativePath: "x.jp/u-bob/Other", domain: "x.jp") == nil)
        let twice = try MailboxPathTemplate("%n/%n-%d")
        #expect(twice.userID(fromRelativePath: "a-b/a-b-x.jp", domain: "x.jp") == "a-b")
        #expect(twice.userID(fromRelativePath: "a/b-x.jp", domain: "x.jp") == nil)
    }

    /// Every user id relativePath makes is found again by the inverse.
    @Test(arguments: ["%d/%n", "%n", "mail/%d/%n", "%d/%n.d", "%n@%d"])
    func inverseUndoesExpansion(template: String) throws {
        let path = try MailboxPathTemplate(template)
        for userID in ["a", "alice", "bob.smith", "x_1-2"] {
            let relative = path.relativePath(domain: "example.jp", userID: userID)
            #expect(path.userID(fromRelativePath: relative, domain: "example.jp") == userID)
        }
    }

    /// Each kind of bad template is refused, with the "pathTemplate" label.
    @Test(arguments: ["%d", "/srv/%d/%n", "%d/../%n", "%d//%n", "%d/%n/", "%x/%n", "%n%", "./%n", "", "%d/%N"])
    func rejects(template: String) {
        #expect {
            try MailboxPathTemplate(template)
        } throws: { error in
            (error as? InputProblem)?.file == "pathTemplate"
        }
    }
}
