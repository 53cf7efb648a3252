import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Bad input gets exit 2, a one-line error naming the file (and line), and a tree left byte-identical.
@Suite("bad input through the binary")
struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var file: String
        var content: String?
        var expected: String
    }

    static let cases: [Case] = [
        Case(description: "malformed plan JSON", file: "plan.json", content: "{\n\"version\": 1,\n\"name\": oops\n}", expected: "plan.json:3:"),
        Case(description: "bad userlist line", file: "accounts.txt", content: "alice,a-pw,Alice\nno-comma-here\n",
             expected: "accounts.txt:2:"),
        Case(description: "../ in a user id", file: "accounts.txt", content: "alice,a-pw\n../etc,x\n", expected: "accounts.txt:2:"),
        Case(description: "duplicate id", file: "accounts.txt", content: "alice,a-pw\nbob,b\nalice,c\n", expected: "accounts.txt:3:"),
        Case(description: "duplicate id in another case", file: "accounts.txt", content: "alice,a-pw\nALICE,b\n",
             expected: "accounts.txt:2:"),
        Case(description: "import list of comments only", file: "accounts.txt", content: "# FY2027\n\n",
             expected: "accounts.txt: the import list holds no account of example.jp"),
        Case(description: "import that removes every account", file: "accounts.txt", content: "zed,z-pw\n",
             expected: "would remove 1 of the 1 accounts"),
        Case(description: "missing import file", file: "accounts.txt", content: nil, expected: "accounts.txt: no such file"),
    ]

    /// Each kind of bad input is refused before anything is touched.
    @Test(arguments: cases)
    func refusedWithNothingChanged(_ bad: Case) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let server = try MiniServer(in: folder.path, index: [("alice", "a-pw", "Alice")], incoming: "alice,a-pw,Alice\n",
                                    mailboxes: ["alice": 1])
        if let content = bad.content {
            try server.write(bad.file, content)
        } else {
            try FileManager.default.removeItem(atPath: folder.path + "/" + bad.file)
        }
        let before = try TreeDigest.of(folder.path)
        for arguments in [["run", server.planPath], ["run", server.planPath, "--dry-run"], ["validate", server.planPath]] {
            let result = try CutoverBinary.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.all)")
            #expect(result.stderr.contains(bad.expected), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try TreeDigest.of(folder.path) == before)
    }

    /// Unknown commands and options are usage errors (exit 2); help and version exit 0.
    @Test func usageErrors() throws {
        #expect(try CutoverBinary.run(["frobnicate"]).status == 2)
        #expect(try CutoverBinary.run(["run", "x.json", "--bogus"]).status == 2)
        #expect(try CutoverBinary.run(["run"]).status == 2)
        let help = try CutoverBinary.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("run") && !help.stdout.contains("rollback"))
        #expect(try CutoverBinary.run(["--version"]).stdout.hasPrefix("cutover "))
        #expect(try CutoverBinary.run(["run", "--help"]).stdout.contains("--expect-fingerprint"))
    }

    /// A second run while another holds the lock exits 3 and names the holder's pid.
    @Test func lockedRunExitsThree() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let server = try MiniServer(in: folder.path, index: [("alice", "a-pw", "Alice")], incoming: "alice,a-pw,Alice\n",
                                    mailboxes: ["alice": 1])
        try FileManager.default.createDirectory(atPath: folder.path + "/state", withIntermediateDirectories: true)
        let lock = try FileLock.acquire(at: folder.path + "/state/lock")
        defer { lock.release() }
        let result = try CutoverBinary.run(["run", server.planPath])
        #expect(result.status == 3)
        #expect(result.stderr.contains("pid \(getpid())"))
    }
}
