import Testing
import CutoverFormats

@Suite("UserList")
struct UserListTests {
    /// The three no-name spellings seen in the wild all mean an empty full name; names keep any UTF-8.
    @Test func parsesNamesAndNoNames() throws {
        let text = "\u{FEFF}# 2027 accounts\r\nalice,pw1\r\nbob,pw2,\r\ncarol,pw3, \r\n\r\n"
            + "dave,pw4,山田 太郎\nerin,pw5,Smith Erin \nfred,p w6,  Fred  \n"
        let entries = try UserList.parse(text, file: "accounts.txt")
        #expect(entries == [
            UserListEntry(userID: "alice", password: "pw1", fullName: "", line: 2),
            UserListEntry(userID: "bob", password: "pw2", fullName: "", line: 3),
            UserListEntry(userID: "carol", password: "pw3", fullName: "", line: 4),
            UserListEntry(userID: "dave", password: "pw4", fullName: "山田 太郎", line: 6),
            UserListEntry(userID: "erin", password: "pw5", fullName: "Smith Erin", line: 7),
            UserListEntry(userID: "fred", password: "p w6", fullName: "Fred", line: 8),
        ])
    }

    /// A password in {SCHEME} form is kept as written; whether it is a hash is decided at import.
    @Test func keepsHashedPasswords() throws {
        let entries = try UserList.parse("a,{SHA512-CRYPT}$6$s$h,A\n", file: "f")
        #expect(entries[0].password == "{SHA512-CRYPT}$6$s$h")
    }

    /// Rendering writes the name only when there is one, one account a line, and parses back to the same entries.
    @Test func rendersAndRoundTrips() throws {
        let entries = [
            UserListEntry(userID: "alice", password: "pw1", fullName: "", line: 1),
            UserListEntry(userID: "bob", password: "pw2", fullName: "鈴木 一郎", line: 2),
        ]
        let text = UserList.render(entries)
        #expect(text == "alice,pw1\nbob,pw2,鈴木 一郎\n")
        #expect(try UserList.parse(text, file: "f") == entries)
        #expect(UserList.render([]) == "")
    }

    /// An empty file, or one of comments and blank lines only, is an empty list.
    @Test func emptyList() throws {
        #expect(try UserList.parse("", file: "f").isEmpty)
        #expect(try UserList.parse("# none\n\n   \n", file: "f").isEmpty)
    }

    /// Every kind of bad line is reported with its number, all in one pass.
    @Test func reportsEveryBadLine() {
        let text = """
            alice,pw
            nocomma
            ~bob,pw
            alice,pw2
            carol,
            dave,pw,Dave: the boss
            eve,p\u{0}w
            fred,pw\u{7},Fred
            gina,pw,Gina,Admin
            ok,pw
            """
        let found = problems { () throws(InputProblems) in try UserList.parse(text, file: "accounts.txt") }
        #expect(lines(found) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(found.allSatisfy { $0.file == "accounts.txt" })
        #expect(found[0].message.contains("expected userid,password[,fullname]"))
        #expect(found[1].message.contains("must not start with '~'"))
        #expect(found[2].message == "duplicate user id 'alice' (first on line 1)")
        #expect(found[3].message.contains("empty password"))
        #expect(found[4].message.contains("':'"))
        #expect(found[5].message.contains("U+0000"))
        #expect(found[6].message.contains("U+0007"))
        #expect(found[7].message.contains("4 fields"))
    }

    /// A line can carry several problems; each is reported.
    @Test func reportsSeveralProblemsOnOneLine() {
        let found = problems { () throws(InputProblems) in try UserList.parse("bad id,,Na:me\n", file: "f") }
        #expect(lines(found) == [1, 1, 1])
    }

    /// A tab is a control character too: it cannot be told from the field layout by eye.
    @Test func rejectsTabs() {
        #expect(lines(problems { () throws(InputProblems) in try UserList.parse("a,pw,\tA\n", file: "f") }) == [1])
    }

    /// Passwords never appear in problem messages, whatever the problem.
    @Test func problemsDoNotShowPasswords() {
        let text = "x y,secret1\nz,secret2\u{1},Z\nw,secret3,N:N\nw,secret4\nw,secret5\nkim,Se,cret6-Pass,Kim K\n"
        let found = problems { () throws(InputProblems) in try UserList.parse(text, file: "f") }
        #expect(found.count == 5)
        #expect(!found.contains { $0.message.contains("secret") || $0.description.contains("secret") })
    }

    /// A line of a megabyte gives an error of a few hundred bytes, not a megabyte.
    @Test func longLinesGiveShortErrors() {
        let found = problems { () throws(InputProblems) in
            try UserList.parse(String(repeating: "x", count: 1 << 20) + "!,pw\n", file: "f")
        }
        #expect(found.count == 1 && found[0].description.count < 300)
    }
}
