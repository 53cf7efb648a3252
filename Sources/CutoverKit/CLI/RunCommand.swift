import Foundation

/// `cutover run PLAN`: load and validate the plan, run (or preview) its steps, render the report.
struct RunCommand {
    var planPath: String
    var options: RunOptions
    var format: OutputFormat

    func execute(effects: Effects, output: Output) throws -> ExitCode {
        let plan = try PlanLoader.load(planPath)
        let context = StepContext(plan: plan, effects: effects, progress: { output.error("  … " + $0) })
        let report = try Runner(context: context, steps: StandardSteps.all).run(options)
        switch format {
        case .json: output.print(try JSONRendering.render(report))
        case .text: output.print(RunReportText.render(report, planName: plan.name))
        }
        return report.error == nil ? .success : .stepFailed
    }
}

/// The seven steps, in order.
public enum StandardSteps {
    public static let all: [any CutoverStep] = [
        StopServicesStep(), SnapshotStep(), ImportAccountsStep(), RenameRemovedStep(), RewireRoutesStep(),
        VerifyStragglersStep(), StartServicesStep(),
    ]
}

enum JSONRendering {
    static func render<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
