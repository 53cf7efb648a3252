/// Command-line words after the command name, checked against the command's option table. Pure: no I/O.
public struct ParsedOptions: Sendable, Equatable {
    public private(set) var values: [String: String] = [:]
    public private(set) var flags: Set<String> = []
    public private(set) var positional: [String] = []

    /// `--name value`, `--name=value` and flags, in any order among positional words. `command` names the command
    /// in error messages.
    public init(_ words: [String], options: [CommandOption], command: String) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--") else {
                positional.append(word)
                continue
            }
            let (spelling, inline) = Self.split(word)
            guard let option = options.first(where: { $0.spelling == spelling }) else {
                throw UsageError("\(command): unknown option '\(spelling)'")
            }
            guard option.takesValue else {
                if inline != nil { throw UsageError("\(command): \(spelling) takes no value") }
                flags.insert(spelling)
                continue
            }
            if let inline {
                values[spelling] = inline
            } else if index < words.count {
                values[spelling] = words[index]
                index += 1
            } else {
                throw UsageError("\(command): \(spelling) needs a value (\(option.valueName ?? ""))")
            }
            if values[spelling]?.isEmpty == true { throw UsageError("\(command): \(spelling) needs a value") }
        }
        if let missing = options.first(where: { $0.required && values[$0.spelling] == nil }) {
            throw UsageError("\(command): \(missing.spelling) is required")
        }
    }

    public func value(_ option: CommandOption) -> String? { values[option.spelling] }

    public func isSet(_ option: CommandOption) -> Bool { flags.contains(option.spelling) }

    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}
