/// A parsed command line: which command, its plan, and its options by spelling.
struct Invocation: Sendable, Equatable {
    enum Action: Sendable, Equatable {
        case overview, version
        case help(Command)
        case command(Command)
        /// `demo-service` takes its own arguments.
        case demoService([String])
    }

    var action: Action
    var plan: String?
    var values: [String: String] = [:]
    var flags: Set<String> = []

    /// One pure function from argv (without the program name) to a typed invocation or a usage error.
    static func parse(_ arguments: [String]) throws -> Invocation {
        guard let first = arguments.first else { return Invocation(action: .overview) }
        switch first {
        case "--help", "-h", "help": return Invocation(action: .overview)
        case "--version": return Invocation(action: .version)
        default: break
        }
        guard let command = Command(rawValue: first) else { throw UsageError("unknown command '\(first)'") }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") { return Invocation(action: .help(command)) }
        if command == .demoService { return Invocation(action: .demoService(rest)) }
        var invocation = Invocation(action: .command(command))
        var positional: [String] = []
        var index = 0
        while index < rest.count {
            let word = rest[index]
            index += 1
            guard word.hasPrefix("--") else {
                positional.append(word)
                continue
            }
            let (spelling, inline) = split(word)
            guard let option = command.options.first(where: { $0.spelling == spelling }) else {
                throw UsageError("\(command.rawValue): unknown option '\(spelling)'")
            }
            guard option.takesValue else {
                if inline != nil { throw UsageError("\(command.rawValue): \(spelling) takes no value") }
                invocation.flags.insert(spelling)
                continue
            }
            if let inline {
                invocation.values[spelling] = inline
            } else if index < rest.count {
                invocation.values[spelling] = rest[index]
                index += 1
            } else {
                throw UsageError("\(command.rawValue): \(spelling) needs a value (\(option.valueName))")
            }
        }
        if command.takesPlan {
            guard positional.count == 1 else {
                throw UsageError("\(command.rawValue): expected one PLAN file, got \(positional.count)")
            }
            invocation.plan = positional[0]
        } else if !positional.isEmpty {
            throw UsageError("\(command.rawValue): unexpected argument '\(positional[0])'")
        }
        return invocation
    }

    func step(_ spelling: String) throws -> StepName? {
        guard let name = values[spelling] else { return nil }
        guard let step = StepName(rawValue: name) else {
            throw UsageError("\(spelling): unknown step '\(name)' (one of: \(PlanReader.choices(StepName.self)))")
        }
        return step
    }

    func format() throws -> OutputFormat {
        guard let name = values["--format"] else { return .text }
        guard let format = OutputFormat(rawValue: name) else {
            throw UsageError("--format: '\(name)' is not one of: text, json")
        }
        return format
    }

    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}

enum OutputFormat: String, Sendable {
    case text, json
}
