import CutoverFormats
import Testing

@Suite("line length limit")
struct LineLimitTests {
    /// A line over 64 KB is refused by file and line in every line-based format; 64 KB exactly is allowed.
    @Test func overlongLinesAreRefusedByLine() {
        let long = String(repeating: "a", count: LineLimit.bytes + 1)
        let text = "ok,pw\n" + long + ",pw\n"
        #expect(lines(problems { () throws(InputProblems) in try UserList.parse(text, file: "f") }) == [2])
        #expect(lines(problems { () throws(InputProblems) in try PasswdFile.parse(text, file: "f") }) == [2])
        #expect(lines(problems { () throws(InputProblems) in try PostfixTransportMap.parse(text, file: "f") }) == [2])
        #expect(lines(problems { () throws(InputProblems) in try PostfixVirtualMailboxMap.parse(text, file: "f") }) == [2])
        let exact = String(repeating: "b", count: LineLimit.bytes)
        #expect(throws: Never.self) { try LineLimit.check(exact + "\n" + exact, file: "f") }
    }
}
