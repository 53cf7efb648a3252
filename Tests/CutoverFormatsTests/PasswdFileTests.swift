import Testing
@testable import CutoverFormats

@Suite("PasswdFile")
struct PasswdFileTests {
    static let sample = """
        # Dovecot users
        alice@example.jp:{SHA512-CRYPT}$6$salt$hash:1000:1000:Alice Liddell:/srv/mail/example.jp/alice:\
        :userdb_quota_rule=*:storage=1G

        bob@example.jp:{PLAIN}x:1000:1000::/srv/mail/example.jp/bob:
        carol:{PLAIN}y
        dave@example.net::1001:1001:Dave::/bin/false

        """

    /// Every field lands where Dovecot reads it, and extra fields keep their own ':' characters.
    @Test func parsesFields() throws {
        let file = try PasswdFile.parse(Self.sample, file: "passwd")
        let alice = try #require(file.entries.first)
        #expect(alice.userID == "alice")
        #expect(alice.domain == "example.jp")
        #expect(alice.user == "alice@example.jp")
        #expect(alice.password == "{SHA512-CRYPT}$6$salt$hash")
        #expect(alice.uid == "1000" && alice.gid == "1000")
        #expect(alice.gecos == "Alice Liddell")
        #expect(alice.home == "/srv/mail/example.jp/alice")
        #expect(alice.shell == "")
        #expect(alice.extraFields == "userdb_quota_rule=*:storage=1G")
        #expect(alice.fieldCount == 8)
        #expect(alice.line == 2)
        #expect(file.entries.map(\.user) == ["alice@example.jp", "bob@example.jp", "carol", "dave@example.net"])
        #expect(file.entries.map(\.fieldCount) == [8, 7, 2, 7])
        #expect(file.entries[2].domain == nil)
        #expect(file.entries[3].password == "")
        #expect(file.lines.count == 6)
        #expect(file.lines[0] == .verbatim("# Dovecot users"))
        #expect(file.lines[2] == .verbatim(""))
    }

    /// Parsing and rendering without changes gives back the same bytes, whatever the line ends, BOM or final newline.
    @Test(arguments: [
        sample,
        "alice:x:1:1::/h:\nbob:y",
        "\u{FEFF}alice:x\n# c\n",
        "\u{FEFF}# only a comment",
        "alice:x:1:1:A:/h:\r\n\r\n# comment\r\nbob:y\r\n",
        "alice:x\r\nbob:y\n",
        "  \n\t\nalice:x::::::\n",
        "",
        "\n",
        "alice:x:1:1:gecos:/h:/bin/sh:a:b:c:d\n",
    ])
    func roundTrips(text: String) throws {
        #expect(try PasswdFile.parse(text, file: "passwd").render() == text)
    }

    /// A changed entry is written in its old shape and keeps its CRLF; the lines around it stay as they were.
    @Test func rendersChangedEntries() throws {
        var file = try PasswdFile.parse("# top\r\nalice:x:1:1::/h::quota=1\r\nbob:y\r\ncarol:z", file: "p")
        guard case .entry(var alice) = file.lines[1], case .entry(var bob) = file.lines[2] else {
            Issue.record("entries expected")
            return
        }
        alice.password = "{PLAIN}new"
        alice.gecos = "Alice"
        bob.password = "{PLAIN}b2"
        file.lines[1] = .entry(alice)
        file.lines[2] = .entry(bob)
        #expect(file.render() == "# top\r\nalice:{PLAIN}new:1:1:Alice:/h::quota=1\r\nbob:{PLAIN}b2\r\ncarol:z")
    }

    /// Setting gecos on a short entry widens it to seven fields, since Dovecot reads fields by position.
    @Test func widensShortEntryWhenGecosIsSet() throws {
        var file = try PasswdFile.parse("bob:y\n", file: "p")
        guard case .entry(var bob) = file.lines[0] else { return }
        bob.gecos = "Bob"
        file.lines[0] = .entry(bob)
        #expect(file.render() == "bob:y:::Bob::\n")
    }

    /// New entries render from their fields: seven when asked, eight when there are extra fields.
    @Test func rendersNewEntries() {
        let seven = PasswdFileEntry(userID: "eve", domain: "example.jp", password: "{PLAIN}e", uid: "1000",
                                    gid: "1000", gecos: "山田 花子", home: "/srv/mail/example.jp/eve", fieldCount: 7)
        let extra = PasswdFileEntry(userID: "fred", password: "{PLAIN}f", extraFields: "quota=2G", fieldCount: 7)
        let bare = PasswdFileEntry(userID: "gus", password: "{PLAIN}g", fieldCount: 2)
        let file = PasswdFile(lines: [.verbatim("# new"), .entry(seven), .entry(extra), .entry(bare)])
        #expect(file.render() == """
            # new
            eve@example.jp:{PLAIN}e:1000:1000:山田 花子:/srv/mail/example.jp/eve:
            fred:{PLAIN}f::::::quota=2G
            gus:{PLAIN}g

            """)
    }

    /// The defaults of the memberwise initializer make an eight-field entry.
    @Test func defaultEntryShape() {
        let entry = PasswdFileEntry(userID: "h", password: "p")
        #expect(entry.fieldCount == 8 && entry.line == 0 && entry.domain == nil)
        #expect(PasswdFile(lines: [.entry(entry)]).render() == "h:p::::::\n")
    }

    /// Equality looks at fields, not at how the line was spelled, so a parsed entry equals one made in code.
    @Test func equalityIgnoresSpelling() throws {
        let parsed = try PasswdFile.parse("a@x.jp:p:1:1:A:/h:\r\n", file: "p").entries[0]
        let made = PasswdFileEntry(userID: "a", domain: "x.jp", password: "p", uid: "1", gid: "1", gecos: "A",
                                   home: "/h", fieldCount: 7, line: 1)
        #expect(parsed == made)
    }

    /// Removing an entry drops exactly its line.
    @Test func removesEntries() throws {
        var file = try PasswdFile.parse("a:1\n#c\nb:2\nc:3\n", file: "p")
        file.lines.removeAll { if case .entry(let e) = $0 { e.userID == "b" } else { false } }
        #expect(file.render() == "a:1\n#c\nc:3\n")
    }

    /// Every malformed line is reported with its line number, in one pass.
    @Test func reportsEveryBadLine() {
        let text = """
            good:x
            nocolon
            .dot:x
            tilde@:x
            ok@example.jp:x
            ok@EXAMPLE.JP:y
            two@at@x:x
            nul:x\u{0}y
            # comment is fine
            :x
            ok@example.net:x
            """
        let found = problems { () throws(InputProblems) in try PasswdFile.parse(text, file: "server/passwd") }
        #expect(lines(found) == [2, 3, 4, 6, 7, 8, 10])
        #expect(found.allSatisfy { $0.file == "server/passwd" })
        #expect(found[0].message.contains("expected user:password"))
        #expect(found[1].message.contains("must not start with '.'"))
        #expect(found[2].message.contains("empty domain"))
        #expect(found[3].message.contains("duplicate user 'ok@EXAMPLE.JP' (first on line 5)"))
        #expect(found[4].message.contains("more than one '@'"))
        #expect(found[5].message.contains("NUL"))
        #expect(found[6].message.contains("empty user id"))
    }

    /// An overlong or oddly spelled user id is rejected by the shared UserID rule.
    @Test func rejectsBadUserIDs() {
        let long = String(repeating: "a", count: 65)
        let found = problems { () throws(InputProblems) in
            try PasswdFile.parse("\(long):x\nsp ace:x\n-x:x\nok:x\n", file: "p")
        }
        #expect(lines(found) == [1, 2, 3])
    }

    /// A NUL byte is an error even in a comment, because Dovecot would cut the line there.
    @Test func rejectsNulInComment() {
        #expect(lines(problems { () throws(InputProblems) in try PasswdFile.parse("# a\u{0}b\n", file: "p") }) == [1])
    }

    /// The password is never echoed back in a problem message.
    @Test func problemsDoNotShowPasswords() {
        let found = problems { () throws(InputProblems) in
            try PasswdFile.parse("a:secret1\na:secret2\nbad id:secret3\n", file: "p")
        }
        #expect(found.count == 2)
        #expect(!found.contains { $0.message.contains("secret") })
    }
}
