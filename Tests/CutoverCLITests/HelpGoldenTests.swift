@testable import CutoverCLI
import CutoverTestSupport
import Testing

/// The help an operator reads is pinned: a change to it shows up in review (`RECORD_SNAPSHOTS=1` re-records).
@Suite("help text, pinned")
struct HelpGoldenTests {
    /// `cutover --help`.
    @Test func overview() {
        #expect(throws: Never.self) { try GoldenFile.verify(Usage.overview, named: "overview.txt") }
    }

    /// `cutover COMMAND --help` for every command with a plan.
    @Test(arguments: [Command.run, .status, .validate, .demo])
    func commandHelp(_ command: Command) {
        #expect(throws: Never.self) { try GoldenFile.verify(Usage.help(for: command), named: "help-\(command.rawValue).txt") }
    }
}
