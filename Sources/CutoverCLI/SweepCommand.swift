import CutoverKit
import CutoverSystem
import Foundation
import Glibc

/// `cutover sweep PLAN`: the straggler step alone, as its own journaled run under the same lock as `run`; never
/// stops or starts a service. Once, for cron (exit 0 whether or not anything moved), or with `--until-quiet`
/// again and again until nothing has arrived for that long.
struct SweepCommand {
    var arguments: SweepArguments

    static let defaultEvery = 120.0

    func execute(effects: Effects, output: Output) throws -> ExitCode {
        let plan = try PlanLoader.load(arguments.plan)
        let context = StepContext.forCommand(plan, effects: effects, output: output)
        let runner = Runner(context: context, steps: StandardSteps.sweep, resumeCommand: resumeCommand)
        var report = SweepReport(plan: plan.file)
        let clock = effects.clock
        var lastArrival = clock.now()
        let failure: Failure? = try effects.interruption.watch {
            while true {
                let pass = try runner.run(RunOptions(dryRun: arguments.dryRun))
                report.add(pass, state: context.state, dryRun: arguments.dryRun)
                if let failure = pass.failure { return failure }
                if pass.movedStragglers > 0 { lastArrival = clock.now() }
                guard let quiet = arguments.untilQuiet else { return nil }
                let quietFor = clock.now().timeIntervalSince(lastArrival)
                if quietFor >= quiet {
                    report.quietFor = Self.describe(quietFor)
                    return nil
                }
                let every = arguments.every ?? Self.defaultEvery
                if isatty(STDERR_FILENO) == 1 {
                    output.error("sweep: pass \(report.passes.count), \(report.moved) moved so far; quiet for "
                        + "\(Self.describe(quietFor)) of \(Self.describe(quiet)); next pass in \(Self.describe(every))")
                }
                if let signal = Self.sleep(every, clock: clock, interruption: effects.interruption) {
                    return Failure(kind: .interrupted, message: "sweep interrupted by \(signal) between passes",
                                   hint: "`\(resumeCommand)` goes on")
                }
            }
        }
        switch arguments.format {
        case .json: output.print(try JSONRendering.render(report))
        case .text: output.print(SweepReportText.render(report, planName: plan.name))
        }
        guard let failure else { return .success }
        if arguments.format == .text { output.error("cutover: \(failure.description)" + (failure.hint.map { "\n\($0)" } ?? "")) }
        return ExitCode(failure.kind)
    }

    /// This very sweep, to run again.
    private var resumeCommand: String {
        (["cutover sweep", arguments.plan] + (arguments.untilQuiet.map { ["--until-quiet", Self.describe($0)] } ?? [])
            + (arguments.every.map { ["--every", Self.describe($0)] } ?? [])).joined(separator: " ")
    }

    /// Sleeps in short slices so a stop request is seen at once; returns the signal that asked for it.
    private static func sleep(_ seconds: Double, clock: any Clock, interruption: Interruption) -> String? {
        let end = clock.now().addingTimeInterval(seconds)
        while clock.now() < end {
            if let signal = interruption.requested { return signal }
            clock.sleep(seconds: min(1, end.timeIntervalSince(clock.now())))
        }
        return interruption.requested
    }

    static func describe(_ seconds: Double) -> String {
        seconds >= 3600 ? String(format: "%.1fh", seconds / 3600)
            : seconds >= 60 ? String(format: "%.0fm", seconds / 60) : String(format: "%.0fs", seconds)
    }
}
