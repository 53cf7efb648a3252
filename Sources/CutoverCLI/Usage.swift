import CutoverFormats

/// Help texts, rendered from the same tables the parser and the exit-code mapping read, so they cannot drift.
enum Usage {
    /// What the tool is, in one line: the overview's first line and the manual page's NAME.
    static let tagline = "a mail-server account cutover you can run twice"

    static var overview: String {
        """
        cutover \(CommandLineTool.version): \(tagline).

        Usage: cutover COMMAND [OPTIONS]

        Commands:
        \(Command.allCases.map { "  " + $0.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

        Options:
          --help       show help (also: cutover COMMAND --help)
          --version    show the version

        Exit codes:
        \(exitCodes)
        """
    }

    static func help(for command: Command) -> String {
        var lines = ["Usage: cutover \(command.rawValue) \(command.synopsis)", "", command.summary]
        if !command.options.isEmpty { lines += ["", "Options:"] + command.options.helpLines() }
        if command.takesPlan { lines += ["", "Exit codes:", exitCodes] }
        return lines.joined(separator: "\n")
    }

    static var exitCodes: String {
        ExitCode.allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n")
    }
}
