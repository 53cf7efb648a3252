@testable import CutoverKit
import CutoverFormats
import Testing

/// Account files parsed once per text: the memo never answers with another text's document, and never keeps a
/// file's problems.
@Suite("account files parsed once per text")
struct AccountDocumentMemoTests {
    @Test func sameTextSameDocumentChangedTextParsedAgain() throws {
        let memo = AccountDocumentMemo()
        let first = try memo.parse("alice,pw\nbob,pw\n", format: .userlist, file: "/plan/accounts.txt")
        #expect(try memo.parse("alice,pw\nbob,pw\n", format: .userlist, file: "/plan/accounts.txt") == first)
        let changed = try memo.parse("alice,pw\ncarol,pw\n", format: .userlist, file: "/plan/accounts.txt")
        #expect(changed != first && changed.accounts(in: "example.jp").map(\.userID) == ["alice", "carol"])
        #expect(try memo.parse("alice,pw\nbob,pw\n", format: .userlist, file: "/plan/other.txt") == first)
    }

    /// Text that is only canonically equivalent (é decomposed, then precomposed) is another file to the tool.
    @Test func equivalentButDifferentBytesAreParsedAgain() throws {
        let memo = AccountDocumentMemo()
        let decomposed = try memo.parse("alice,jose\u{301}\n", format: .userlist, file: "/plan/accounts.txt")
        let precomposed = try memo.parse("alice,jos\u{e9}\n", format: .userlist, file: "/plan/accounts.txt")
        #expect(decomposed.accounts(in: "example.jp").map { Array($0.password.utf8) }
            != precomposed.accounts(in: "example.jp").map { Array($0.password.utf8) })
    }

    @Test func aFileWithProblemsIsParsedAgainEveryTime() {
        let memo = AccountDocumentMemo()
        for _ in 0..<2 {
            #expect(throws: InputProblems.self) { _ = try memo.parse("alice\n", format: .userlist, file: "/plan/bad.txt") }
        }
    }
}
