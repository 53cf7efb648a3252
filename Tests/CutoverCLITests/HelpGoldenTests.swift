@testable import CutoverCLI
import CutoverTestSupport
import Testing

/// The help an operator reads is pinned: a change to it shows up in review (`RECORD_SNAPSHOTS=1` re-records).
@Suite("help text, pinned")
struct HelpGoldenTests {
    /// `cutover --help`.
    @Test func overview() {
        #expect(GoldenFile.mismatch(Usage.overview, named: "overview.txt") == nil)
    }

    /// `cutover COMMAND --help` for every command with a plan.
    @Test(arguments: [Command.run, .status, .validate, .demo])
    func commandHelp(_ command: Command) {
        #expect(GoldenFile.mismatch(Usage.help(for: command), named: "help-\(command.rawValue).txt") == nil)
    }
}
