/// One option of a command, as data: the parser, the help, the man page and shell completion all read it.
public struct CommandOption: Sendable, Equatable, Hashable {
    public var spelling: String
    /// Nil for a flag; the placeholder shown in help for an option that takes a value.
    public var valueName: String?
    public var required: Bool
    public var help: String

    public init(_ spelling: String, value valueName: String? = nil, required: Bool = false, help: String) {
        self.spelling = spelling
        self.valueName = valueName
        self.required = required
        self.help = help
    }

    public var takesValue: Bool { valueName != nil }

    /// `--only STEP` or `--dry-run`, as the synopsis and the help print it.
    public var usage: String { valueName.map { "\(spelling) \($0)" } ?? spelling }
}

extension Array where Element == CommandOption {
    /// `[--dry-run] [--only STEP] --pid-file FILE`: required options bare, the others in brackets.
    public var synopsis: String {
        map { $0.required ? $0.usage : "[\($0.usage)]" }.joined(separator: " ")
    }

    /// One line per option: usage padded to a column, then the help text.
    public func helpLines(column: Int = 28) -> [String] {
        map { "  " + $0.usage.padding(toLength: Swift.max(column, $0.usage.count + 2), withPad: " ", startingAt: 0)
            + $0.help }
    }
}
