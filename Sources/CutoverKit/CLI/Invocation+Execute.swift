import CutoverSystem
import Foundation

extension Invocation {
    func execute(effects: Effects, output: Output) throws -> ExitCode {
        switch action {
        case .overview:
            output.print(Usage.overview)
        case .version:
            output.print("cutover \(CommandLineTool.version)")
        case .help(let command):
            output.print(command == .demoService ? DemoService.usage : Usage.help(for: command))
        case .demoService(let arguments):
            return ExitCode(rawValue: DemoService.main(arguments: arguments)) ?? .stepFailed
        case .command(let command):
            return try execute(command, effects: effects, output: output)
        }
        return .success
    }

    private func execute(_ command: Command, effects: Effects, output: Output) throws -> ExitCode {
        switch command {
        case .run:
            let options = RunOptions(dryRun: flags.contains("--dry-run"), only: try step("--only"),
                                     from: try step("--from"), expectFingerprint: values["--expect-fingerprint"])
            if options.only != nil && options.from != nil { throw UsageError("run: --only and --from exclude each other") }
            return try RunCommand(planPath: plan!, options: options, format: try format()).execute(effects: effects, output: output)
        case .status:
            return try StatusCommand(planPath: plan!, format: try format()).execute(effects: effects, output: output)
        case .validate:
            let loaded = try PlanLoader.load(plan!)
            output.print("\(plan!): valid (\(loaded.steps.count) steps, domain \(loaded.domain))")
            return .success
        case .demo:
            return try DemoCommand(into: values["--into"]).execute(effects: effects, output: output)
        case .demoService:
            preconditionFailure("`demo-service` takes its own arguments and is parsed as Action.demoService")
        }
    }
}
