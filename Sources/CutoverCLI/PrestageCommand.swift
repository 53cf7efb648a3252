import CutoverKit
import CutoverSystem

/// `cutover prestage PLAN`: the staged copy and the prepared import, on the same runner as `run` (locked,
/// journaled, `--dry-run` previews), while the services still run.
struct PrestageCommand {
    var arguments: PrestageArguments

    func execute(effects: Effects, output: Output) throws -> ExitCode {
        let plan = try PlanLoader.load(arguments.plan)
        let context = StepContext.forCommand(plan, effects: effects, output: output)
        let report = try Runner(context: context, steps: PrestageSteps.of(plan),
                                resumeCommand: "cutover prestage \(arguments.plan)")
            .run(RunOptions(dryRun: arguments.dryRun))
        switch arguments.format {
        case .json: output.print(try JSONRendering.render(report))
        case .text: output.print(RunReportText.render(report, planName: plan.name))
        }
        return report.failure.map { ExitCode($0.kind) } ?? .success
    }
}
