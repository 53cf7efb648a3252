import CutoverKit
import CutoverSystem
import Foundation

/// `cutover run PLAN`: load and validate the plan, run (or preview) its steps, render the report.
struct RunCommand {
    var arguments: RunArguments

    func execute(effects: Effects, output: Output) throws -> ExitCode {
        let plan = try PlanLoader.load(arguments.plan)
        let context = StepContext.forCommand(plan, effects: effects, output: output)
        let report = try Runner(context: context, steps: StandardSteps.of(plan)).run(arguments.options)
        switch arguments.format {
        case .json: output.print(try JSONRendering.render(report))
        case .text: output.print(RunReportText.render(report, planName: plan.name))
        }
        return report.failure.map { ExitCode($0.kind) } ?? .success
    }
}

enum JSONRendering {
    static func render<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
