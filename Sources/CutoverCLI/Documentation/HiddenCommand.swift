import CutoverFormats

/// `cutover manual` and `cutover completion bash`: commands for packagers, kept out of `Command` so the overview,
/// the manual page and the completion (which all list `Command.allCases`) do not offer them to operators.
enum HiddenCommand {
    enum Shell: String, Sendable, CaseIterable { case bash }

    /// The hidden invocation `arguments` name, nil when they name none, or a usage error when they misuse one.
    static func parse(_ arguments: [String]) throws -> Invocation? {
        switch arguments.first {
        case "manual":
            guard arguments.count == 1 else { throw UsageError("manual: takes no arguments (prints cutover(1) in roff)") }
            return .manual
        case "completion":
            guard arguments.count == 2, let shell = Shell(rawValue: arguments[1]) else {
                throw UsageError("completion: name the shell: "
                    + Shell.allCases.map { "cutover completion \($0.rawValue)" }.joined(separator: ", "))
            }
            return .completion(shell)
        default:
            return nil
        }
    }
}
