@testable import CutoverCLI
import CutoverFormats
import CutoverKit
import Testing

@Suite("command-line parsing")
struct InvocationTests {
    struct Accepted: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var invocation: Invocation

        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let accepted: [Accepted] = [
        Accepted(arguments: ["run", "p.json"],
                 invocation: .run(RunArguments(plan: "p.json", options: RunOptions(), format: .text))),
        Accepted(arguments: ["run", "p.json", "--dry-run", "--only", "snapshot"],
                 invocation: .run(RunArguments(plan: "p.json", options: RunOptions(dryRun: true, only: .snapshot),
                                               format: .text))),
        Accepted(arguments: ["run", "--from=rewire-routes", "p.json", "--format", "json"],
                 invocation: .run(RunArguments(plan: "p.json", options: RunOptions(from: .rewireRoutes), format: .json))),
        Accepted(arguments: ["run", "p.json", "--expect-fingerprint", "abc"],
                 invocation: .run(RunArguments(plan: "p.json", options: RunOptions(expectFingerprint: "abc"),
                                               format: .text))),
        Accepted(arguments: ["prestage", "p.json", "--dry-run", "--format", "json"],
                 invocation: .prestage(PrestageArguments(plan: "p.json", dryRun: true, format: .json))),
        Accepted(arguments: ["status", "p.json", "--format=json"],
                 invocation: .status(StatusArguments(plan: "p.json", format: .json))),
        Accepted(arguments: ["validate", "p.json"], invocation: .validate(plan: "p.json")),
        Accepted(arguments: ["demo", "--into", "/tmp/x"], invocation: .demo(into: "/tmp/x")),
        Accepted(arguments: ["demo-service", "stop", "--pid-file", "f"], invocation: .demoService(["stop", "--pid-file", "f"])),
    ]

    /// Each accepted command line parses to the expected typed invocation.
    @Test(arguments: accepted)
    func parses(_ expected: Accepted) throws {
        #expect(try Invocation.parse(expected.arguments) == expected.invocation)
    }

    /// Each malformed command line is a usage error, never a guess.
    @Test(arguments: [
        ["bogus"], ["run"], ["run", "a.json", "b.json"], ["run", "p.json", "--only"], ["run", "p.json", "--dry-run=yes"],
        ["status", "p.json", "--dry-run"], ["demo", "extra"], ["run", "p.json", "--only", "teleport"],
        ["run", "p.json", "--only", "snapshot", "--from", "snapshot"], ["run", "p.json", "--format", "xml"],
        ["run", "p.json", "--dry-run", "--expect-fingerprint", "abc"], ["run", "p.json", "--only="],
        ["run", "p.json", "--only", "prestage-snapshot"], ["prestage", "p.json", "--only", "snapshot"], ["prestage"],
    ])
    func refuses(_ arguments: [String]) {
        #expect(throws: UsageError.self) { try Invocation.parse(arguments) }
    }

    /// Help and version need no plan; `COMMAND --help` is help for that command.
    @Test func helpAndVersion() throws {
        #expect(try Invocation.parse(["--help"]) == .overview)
        #expect(throws: UsageError.self) { try Invocation.parse([]) }
        #expect(try Invocation.parse(["--version"]) == .version)
        #expect(try Invocation.parse(["run", "--help"]) == .help(.run))
        #expect(Usage.help(for: .run).contains("[--expect-fingerprint F]"))
    }

    /// A step name that is not one of the seven is a usage error naming the choices.
    @Test func unknownStepNamesTheChoices() throws {
        let error = try #require(throws: UsageError.self) { try Invocation.parse(["run", "p.json", "--only", "teleport"]) }
        #expect(error.message.contains("stop-services"))
    }

    /// The synopsis and the option lines of every command's help come from its option table.
    @Test(arguments: Command.allCases.filter { $0 != .demoService })
    func helpIsRenderedFromTheTable(_ command: Command) {
        let help = Usage.help(for: command)
        for option in command.options {
            #expect(help.contains("[\(option.usage)]"))
            #expect(help.contains(option.help))
        }
    }

    /// Every exit code of the contract appears in the overview with its meaning.
    @Test func exitCodesAreListed() {
        for code in ExitCode.allCases { #expect(Usage.overview.contains("  \(code.rawValue)  \(code.meaning)")) }
    }
}
