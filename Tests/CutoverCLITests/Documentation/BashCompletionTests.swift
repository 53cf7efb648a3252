@testable import CutoverCLI
import CutoverFormats
import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

/// `cutover completion bash`: bash accepts the script, and it completes what the option tables say.
@Suite("bash completion")
struct BashCompletionTests {
    /// `bash -n` finds no syntax error in the script.
    @Test func bashAcceptsTheScript() throws {
        let checked = try ExternalProgram.run("/bin/bash", ["-n"], input: BashCompletion.script)
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    /// The first word completes to every command (none of the hidden ones) and the global options.
    @Test func completesCommands() throws {
        let offered = try Self.complete(["cutover", ""])
        #expect(offered == Command.allCases.map(\.rawValue) + ["--help", "--version"])
        #expect(!offered.contains("manual") && !offered.contains("completion"))
    }

    /// After a command, `-` completes to exactly that command's option spellings and `--help`.
    @Test(arguments: Command.allCases)
    func completesEveryOptionOf(_ command: Command) throws {
        #expect(try Self.complete(["cutover", command.rawValue, "-"]) == command.options.map(\.spelling) + ["--help"])
    }

    /// An option's value completes to the words it accepts: step names for STEP, each word of `a|b`.
    @Test(arguments: Command.allCases.flatMap { command in command.options.map { (command, $0) } })
    func completesOptionValues(_ command: Command, _ option: CommandOption) throws {
        let value = OptionValue(option)
        guard !value.words.isEmpty else { return }
        #expect(try Self.complete(["cutover", command.rawValue, option.spelling, ""]) == value.words)
        if value == .step { #expect(value.words == StepName.cutover.map(\.rawValue)) }
    }

    /// PLAN completes to file names.
    @Test func completesPlanFiles() throws {
        let folder = NSTemporaryDirectory() + "cutover-completion-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{}".write(toFile: folder + "/plan.json", atomically: true, encoding: .utf8)
        #expect(try Self.complete(["cutover", "validate", folder + "/pl"]) == [folder + "/plan.json"])
    }

    /// The hidden commands parse; a wrong shell or an extra word is a usage error.
    @Test func hiddenCommandsParse() throws {
        #expect(try Invocation.parse(["manual"]) == .manual)
        #expect(try Invocation.parse(["completion", "bash"]) == .completion(.bash))
        for arguments in [["completion"], ["completion", "zsh"], ["manual", "x"]] {
            #expect(throws: UsageError.self) { try Invocation.parse(arguments) }
        }
        #expect(!Usage.overview.contains("manual") && !Usage.overview.contains("completion"))
    }

    /// Sources the script in a fresh bash, fills COMP_WORDS as bash would, and returns COMPREPLY.
    static func complete(_ words: [String]) throws -> [String] {
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let driver = BashCompletion.script + "\nCOMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _cutover\n"
            + "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
        let result = try ExternalProgram.run("/bin/bash", ["-s"], input: driver)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }
}
