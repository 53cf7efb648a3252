/// Help texts, rendered from the same option table the parser reads, so the two cannot drift.
enum Usage {
    static let hint = "Run 'cutover --help' for usage."

    static var overview: String {
        """
        cutover \(CommandLineTool.version): a mail-server account cutover you can run twice.

        Usage: cutover COMMAND [OPTIONS]

        Commands:
        \(Command.allCases.map { "  " + $0.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

        Options:
          --help       show help (also: cutover COMMAND --help)
          --version    show the version

        Exit codes: 0 success; 1 a step failed (state kept, run again resumes);
        2 bad usage or invalid plan/input (nothing changed); 3 another run holds the lock.
        """
    }

    static func help(for command: Command) -> String {
        var lines = ["Usage: cutover \(command.rawValue) \(command.synopsis)", "", command.summary]
        if !command.options.isEmpty {
            lines += ["", "Options:"]
            lines += command.options.map { option in
                let left = option.takesValue ? "\(option.spelling) \(option.valueName)" : option.spelling
                return "  " + left.padding(toLength: 28, withPad: " ", startingAt: 0) + option.help
            }
        }
        return lines.joined(separator: "\n")
    }
}
