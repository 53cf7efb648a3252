import CutoverDemo
import CutoverKit
import CutoverSystem

extension Invocation {
    func execute(effects: Effects, output: Output) throws -> ExitCode {
        switch self {
        case .overview:
            output.print(Usage.overview)
        case .version:
            output.print("cutover \(CommandLineTool.version)")
        case .help(let command):
            output.print(command == .demoService ? DemoService.usage : Usage.help(for: command))
        case .manual:
            output.print(ManualPage.roff)
        case .completion(.bash):
            output.print(BashCompletion.script)
        case .demoService(let arguments):
            return ExitCode(rawValue: DemoService.main(arguments: arguments, output: output)) ?? .stepFailed
        case .run(let arguments):
            return try RunCommand(arguments: arguments).execute(effects: effects, output: output)
        case .sweep(let arguments):
            return try SweepCommand(arguments: arguments).execute(effects: effects, output: output)
        case .prestage(let arguments):
            return try PrestageCommand(arguments: arguments).execute(effects: effects, output: output)
        case .status(let arguments):
            return try StatusCommand(arguments: arguments).execute(effects: effects, output: output)
        case .audit(let arguments):
            return try AuditCommand(arguments: arguments).execute(effects: effects, output: output)
        case .validate(let plan):
            let loaded = try PlanLoader.load(plan)
            output.print("\(plan): valid (\(loaded.steps.count) steps, domain \(loaded.domain))")
        case .demo(let into):
            let demo = DemoCommand(into: into) { arguments, output in
                CommandLineTool.main(arguments, effects: effects, output: output)
            }
            return ExitCode(rawValue: try demo.execute(effects: effects, output: output)) ?? .stepFailed
        }
        return .success
    }

    /// The command and the plan file it works on, for hints in error messages.
    private var planCommand: (command: Command, plan: String)? {
        switch self {
        case .run(let arguments): return (.run, arguments.plan)
        case .sweep(let arguments): return (.sweep, arguments.plan)
        case .prestage(let arguments): return (.prestage, arguments.plan)
        case .status(let arguments): return (.status, arguments.plan)
        case .audit(let arguments): return (.audit, arguments.plan)
        case .validate(let plan): return (.validate, plan)
        default: return nil
        }
    }

    var planPath: String? { planCommand?.plan }

    /// The command to run again once the cause of a failure is fixed.
    var resumeCommand: String? { planCommand.map { "cutover \($0.command.rawValue) \($0.plan)" } }

    var format: OutputFormat {
        switch self {
        case .run(let arguments): return arguments.format
        case .sweep(let arguments): return arguments.format
        case .prestage(let arguments): return arguments.format
        case .status(let arguments): return arguments.format
        case .audit(let arguments): return arguments.format == .json ? .json : .text
        default: return .text
        }
    }
}
