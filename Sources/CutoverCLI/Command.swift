import CutoverFormats
import CutoverKit

/// The subcommands and their options, as data: the parser, the help, the man page and completion read this table.
enum Command: String, CaseIterable, Sendable {
    case run, prestage, sweep, status, audit, validate, demo
    case demoService = "demo-service"

    static let dryRun = CommandOption("--dry-run", help: "print every action in order; change nothing")
    static let only = CommandOption("--only", value: "STEP", help: "run this step alone")
    static let from = CommandOption("--from", value: "STEP", help: "run this step and the ones after it")
    static let format = CommandOption("--format", value: "text|json",
                                      help: "output format (json: results and errors on stdout, progress on stderr)")
    static let expectFingerprint = CommandOption("--expect-fingerprint", value: "F",
                                                 help: "refuse unless the preview still has this fingerprint (from --dry-run)")
    static let auditFormat = CommandOption("--format", value: "text|markdown|html|json",
                                           help: "report format (html: one self-contained file that prints on A4)")
    static let output = CommandOption("--output", value: "FILE",
                                      help: "write the report to FILE (atomically) instead of stdout")
    static let untilQuiet = CommandOption("--until-quiet", value: "DURATION",
                                          help: "sweep again and again until nothing arrived for DURATION (e.g. 6h)")
    static let every = CommandOption("--every", value: "DURATION",
                                     help: "with --until-quiet: time between passes (default 2m)")
    static let into = CommandOption("--into", value: "DIR",
                                    help: "scratch folder to create (default: a new folder under /tmp)")

    var summary: String {
        switch self {
        case .run: return "stop, snapshot, import, rename, rewire, move stragglers, restart (resumes where it stopped)"
        case .sweep: return "move the mail that still reaches the old server, for days after (the straggler step alone)"
        case .prestage: return "copy the mail and prepare the import while the services still run (repeatable)"
        case .status: return "what the journal says and whether each step's end state holds now"
        case .audit: return "the post-cutover report: accounts, mail, identities, routes, services, findings"
        case .validate: return "check the plan and every file it names; change nothing"
        case .demo: return "copy the bundled demo server to a scratch folder and cut it over for real"
        case .demoService: return "start/stop the stand-in mail daemons the demo uses"
        }
    }

    var takesPlan: Bool { [.run, .prestage, .sweep, .status, .audit, .validate].contains(self) }

    var options: [CommandOption] {
        switch self {
        case .run: return [Self.dryRun, Self.only, Self.from, Self.format, Self.expectFingerprint]
        case .sweep: return [Self.dryRun, Self.untilQuiet, Self.every, Self.format]
        case .prestage: return [Self.dryRun, Self.format]
        case .status: return [Self.format]
        case .audit: return [Self.auditFormat, Self.output]
        case .validate, .demoService: return []
        case .demo: return [Self.into]
        }
    }

    /// `PLAN [--dry-run] [--only STEP] …`, rendered from the table.
    var synopsis: String {
        if self == .demoService { return "start|stop|serve ..." }
        return ((takesPlan ? ["PLAN"] : []) + (options.isEmpty ? [] : [options.synopsis])).joined(separator: " ")
    }
}
