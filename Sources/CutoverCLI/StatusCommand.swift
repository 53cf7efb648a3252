import CutoverKit
import CutoverSystem

/// `cutover status PLAN`: the status report, as text or JSON.
struct StatusCommand {
    var arguments: StatusArguments

    func execute(effects: Effects, output: Output) throws -> ExitCode {
        let plan = try PlanLoader.load(arguments.plan)
        let report = try StatusReport.of(StepContext(plan: plan, effects: effects), steps: StandardSteps.of(plan))
        switch arguments.format {
        case .json: output.print(try JSONRendering.render(report))
        case .text: output.print(StatusReportText.render(report))
        }
        return .success
    }
}
