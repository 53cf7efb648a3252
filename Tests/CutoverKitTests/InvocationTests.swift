@testable import CutoverKit
import Testing

@Suite("command-line parsing")
struct InvocationTests {
    struct Accepted: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var command: Command
        var plan: String?
        var flags: Set<String> = []
        var values: [String: String] = [:]

        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let accepted: [Accepted] = [
        Accepted(arguments: ["run", "p.json"], command: .run, plan: "p.json"),
        Accepted(arguments: ["run", "p.json", "--dry-run", "--only", "snapshot"], command: .run, plan: "p.json",
                 flags: ["--dry-run"], values: ["--only": "snapshot"]),
        Accepted(arguments: ["run", "--from=rewire-routes", "p.json", "--format", "json"], command: .run, plan: "p.json",
                 values: ["--from": "rewire-routes", "--format": "json"]),
        Accepted(arguments: ["status", "p.json", "--format=json"], command: .status, plan: "p.json", values: ["--format": "json"]),
        Accepted(arguments: ["validate", "p.json"], command: .validate, plan: "p.json"),
        Accepted(arguments: ["demo", "--into", "/tmp/x"], command: .demo, plan: nil, values: ["--into": "/tmp/x"]),
    ]

    /// Each accepted command line parses to the expected command, plan, flags and values.
    @Test(arguments: accepted)
    func parses(_ expected: Accepted) throws {
        let invocation = try Invocation.parse(expected.arguments)
        #expect(invocation.action == .command(expected.command))
        #expect(invocation.plan == expected.plan)
        #expect(invocation.flags == expected.flags)
        #expect(invocation.values == expected.values)
    }

    /// Each malformed command line is a usage error, never a guess.
    @Test(arguments: [
        ["bogus"], ["run"], ["run", "a.json", "b.json"], ["run", "p.json", "--only"], ["run", "p.json", "--dry-run=yes"],
        ["status", "p.json", "--dry-run"], ["demo", "extra"],
    ])
    func refuses(_ arguments: [String]) {
        #expect(throws: UsageError.self) { try Invocation.parse(arguments) }
    }

    /// Help and version need no plan; `COMMAND --help` is help for that command.
    @Test func helpAndVersion() throws {
        #expect(try Invocation.parse([]).action == .overview)
        #expect(try Invocation.parse(["--version"]).action == .version)
        #expect(try Invocation.parse(["run", "--help"]).action == .help(.run))
        #expect(Usage.help(for: .run).contains("--expect-fingerprint F"))
        #expect(!Usage.overview.contains("rollback") && !Usage.overview.contains("audit"))
    }

    /// A step name that is not one of the seven is a usage error naming the choices.
    @Test func unknownStepIsRefused() throws {
        let invocation = try Invocation.parse(["run", "p.json", "--only", "teleport"])
        let error = try #require(throws: UsageError.self) { try invocation.step("--only") }
        #expect(error.message.contains("stop-services"))
    }
}
