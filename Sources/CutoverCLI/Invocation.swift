import CutoverFormats
import CutoverKit

/// A parsed command line: one typed value per command, each checked by its `validate()`.
enum Invocation: Sendable, Equatable {
    case overview, version
    case help(Command)
    case run(RunArguments)
    case sweep(SweepArguments)
    case prestage(PrestageArguments)
    case status(StatusArguments)
    case audit(AuditArguments)
    case validate(plan: String)
    case demo(into: String?)
    /// `demo-service` takes its own arguments.
    case demoService([String])
    /// Hidden (not in `Command`, so not in the overview): the manual page and shell completion, for packagers.
    case manual, completion(HiddenCommand.Shell)

    /// One pure function from argv (without the program name) to a typed invocation or a usage error.
    static func parse(_ arguments: [String]) throws -> Invocation {
        guard let first = arguments.first else {
            throw UsageError("name a command (\(Command.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        switch first {
        case "--help", "-h", "help": return .overview
        case "--version": return .version
        default: break
        }
        if let hidden = try HiddenCommand.parse(arguments) { return hidden }
        guard let command = Command(rawValue: first) else { throw UsageError("unknown command '\(first)'") }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") { return .help(command) }
        if command == .demoService { return .demoService(rest) }
        let parsed = try ParsedOptions(rest, options: command.options, command: command.rawValue)
        let plan = try Self.plan(of: command, parsed)
        switch command {
        case .run:
            let run = RunArguments(plan: plan!, options: RunOptions(
                dryRun: parsed.isSet(Command.dryRun), only: try step(parsed, Command.only),
                from: try step(parsed, Command.from), expectFingerprint: parsed.value(Command.expectFingerprint)),
                format: try format(parsed))
            try run.validate()
            return .run(run)
        case .sweep:
            let sweep = SweepArguments(plan: plan!, dryRun: parsed.isSet(Command.dryRun),
                                       untilQuiet: try parsed.value(Command.untilQuiet).map {
                                           try DurationText.seconds($0, option: Command.untilQuiet.spelling)
                                       },
                                       every: try parsed.value(Command.every).map {
                                           try DurationText.seconds($0, option: Command.every.spelling)
                                       },
                                       format: try format(parsed))
            try sweep.validate()
            return .sweep(sweep)
        case .prestage:
            return .prestage(PrestageArguments(plan: plan!, dryRun: parsed.isSet(Command.dryRun), format: try format(parsed)))
        case .status: return .status(StatusArguments(plan: plan!, format: try format(parsed)))
        case .audit:
            guard let format = AuditArguments.Format(rawValue: parsed.value(Command.auditFormat) ?? "text") else {
                throw UsageError("audit: \(Command.auditFormat.spelling) is one of: text, markdown, html, json")
            }
            return .audit(AuditArguments(plan: plan!, format: format, output: parsed.value(Command.output)))
        case .validate: return .validate(plan: plan!)
        case .demo: return .demo(into: parsed.value(Command.into))
        case .demoService: return .demoService(rest)
        }
    }

    private static func plan(of command: Command, _ parsed: ParsedOptions) throws -> String? {
        if command.takesPlan {
            guard parsed.positional.count == 1 else {
                throw UsageError("\(command.rawValue): expected one PLAN file, got \(parsed.positional.count)")
            }
            return parsed.positional[0]
        }
        if let word = parsed.positional.first { throw UsageError("\(command.rawValue): unexpected argument '\(word)'") }
        return nil
    }

    private static func step(_ parsed: ParsedOptions, _ option: CommandOption) throws -> StepName? {
        guard let name = parsed.value(option) else { return nil }
        guard let step = StepName(rawValue: name), StepName.cutover.contains(step) else {
            throw UsageError("\(option.spelling): unknown step '\(name)' (one of: "
                + StepName.cutover.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return step
    }

    private static func format(_ parsed: ParsedOptions) throws -> OutputFormat {
        guard let name = parsed.value(Command.format) else { return .text }
        guard let format = OutputFormat(rawValue: name) else {
            throw UsageError("\(Command.format.spelling): '\(name)' is not one of: text, json")
        }
        return format
    }
}

/// `cutover run`'s arguments.
struct RunArguments: Sendable, Equatable {
    var plan: String
    var options: RunOptions
    var format: OutputFormat

    func validate() throws {
        if options.only != nil && options.from != nil {
            throw UsageError("run: \(Command.only.spelling) and \(Command.from.spelling) exclude each other")
        }
        if options.dryRun && options.expectFingerprint != nil {
            throw UsageError("run: \(Command.expectFingerprint.spelling) checks a real run; a dry run prints the fingerprint")
        }
    }
}

/// `cutover sweep`'s arguments; durations in seconds.
struct SweepArguments: Sendable, Equatable {
    var plan: String
    var dryRun: Bool
    var untilQuiet: Double?
    var every: Double?
    var format: OutputFormat

    func validate() throws {
        if every != nil && untilQuiet == nil {
            throw UsageError("sweep: \(Command.every.spelling) goes with \(Command.untilQuiet.spelling)")
        }
        if dryRun && untilQuiet != nil {
            throw UsageError("sweep: a dry run is one pass; leave out \(Command.untilQuiet.spelling)")
        }
    }
}

/// `cutover prestage`'s arguments.
struct PrestageArguments: Sendable, Equatable {
    var plan: String
    var dryRun: Bool
    var format: OutputFormat
}

/// `cutover status`'s arguments.
struct StatusArguments: Sendable, Equatable {
    var plan: String
    var format: OutputFormat
}

/// `cutover audit`'s arguments.
struct AuditArguments: Sendable, Equatable {
    enum Format: String, Sendable { case text, markdown, html, json }

    var plan: String
    var format: Format
    var output: String?
}

enum OutputFormat: String, Sendable {
    case text, json
}
