@testable import CutoverCLI
import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

/// `cutover manual`: the roff page is rendered from the tables `--help` reads, and groff accepts it.
@Suite("manual page")
struct ManualPageTests {
    static let page = ManualPage.roff

    /// Every command, every option spelling of every command, every step name and every exit code is on the page.
    @Test func namesEverythingInTheTables() {
        for command in Command.allCases {
            #expect(Self.page.contains(".B cutover \(Roff.escape(command.rawValue))"), "synopsis of \(command)")
            for option in command.options {
                #expect(Self.page.contains(".SS \"cutover \(Roff.escape(command.rawValue))\""))
                #expect(Self.page.contains(Roff.bold(option.spelling)), "\(command) \(option.spelling)")
            }
        }
        for step in StepName.cutover { #expect(Self.page.contains(Roff.escape(step.rawValue))) }
        for code in ExitCode.allCases { #expect(Self.page.contains(".TP\n\\fB\(code.rawValue)\\fR\n\(Roff.escape(code.meaning))")) }
        #expect(Self.page.contains(".TH CUTOVER 1 \"\" \"cutover \(CommandLineTool.version)\""))
    }

    /// Table text cannot inject roff: backslashes, hyphens and a leading dot are escaped.
    @Test func escapesRoff() {
        #expect(Roff.escape("--dry-run") == "\\-\\-dry\\-run")
        #expect(Roff.escape("a\\b") == "a\\eb")
        #expect(Roff.escape(".SH x\n'y") == "\\&.SH x\n\\&'y")
    }

    /// groff renders the page without a warning, and the rendered text shows each option as typed.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "needs groff (groff-base)"))
    func groffRendersItCleanly() throws {
        let rendered = try ExternalProgram.run("/usr/bin/groff", ["-man", "-Tutf8", "-ww", "-P-c", "-P-b", "-P-u"], input: Self.page)
        #expect(rendered.status == 0)
        #expect(rendered.stderr.isEmpty, "\(rendered.stderr)")
        for option in Command.allCases.flatMap(\.options) { #expect(rendered.stdout.contains(option.spelling)) }
        for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "FILES", "EXAMPLES"] {
            #expect(rendered.stdout.contains("\n" + heading + "\n"), "\(heading)")
        }
    }
}
