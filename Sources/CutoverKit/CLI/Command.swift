/// The subcommands and their options, as data: the parser and the help both read this table.
enum Command: String, CaseIterable, Sendable {
    case run, status, validate, demo
    case demoService = "demo-service"

    struct Option: Sendable {
        var spelling: String
        var takesValue: Bool
        var valueName: String = ""
        var help: String
    }

    var summary: String {
        switch self {
        case .run: return "stop, snapshot, import, rename, rewire, move stragglers, restart (resumes where it stopped)"
        case .status: return "what the journal says and whether each step's end state holds now"
        case .validate: return "check the plan and every file it names; change nothing"
        case .demo: return "copy the bundled demo server to a scratch folder and cut it over for real"
        case .demoService: return "start/stop the stand-in mail daemons the demo uses"
        }
    }

    var synopsis: String {
        switch self {
        case .run: return "PLAN [--dry-run] [--only STEP] [--from STEP] [--format text|json] [--expect-fingerprint F]"
        case .status: return "PLAN [--format text|json]"
        case .validate: return "PLAN"
        case .demo: return "[--into DIR]"
        case .demoService: return "start|stop|serve ..."
        }
    }

    var takesPlan: Bool { self == .run || self == .status || self == .validate }

    var options: [Option] {
        let format = Option(spelling: "--format", takesValue: true, valueName: "text|json",
                            help: "output format (json: results on stdout, progress on stderr)")
        switch self {
        case .run:
            return [
                Option(spelling: "--dry-run", takesValue: false, help: "print every action in order; change nothing"),
                Option(spelling: "--only", takesValue: true, valueName: "STEP", help: "run this step alone"),
                Option(spelling: "--from", takesValue: true, valueName: "STEP", help: "run this step and the ones after it"),
                format,
                Option(spelling: "--expect-fingerprint", takesValue: true, valueName: "F",
                       help: "refuse unless the preview still has this fingerprint (from --dry-run)"),
            ]
        case .status: return [format]
        case .validate, .demoService: return []
        case .demo:
            return [Option(spelling: "--into", takesValue: true, valueName: "DIR",
                           help: "scratch folder to create (default: a new folder under /tmp)")]
        }
    }
}
