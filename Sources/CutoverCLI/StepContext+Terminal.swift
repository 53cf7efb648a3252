import CutoverKit
import CutoverSystem

extension StepContext {
    /// The context a command runs steps in: on a terminal, a line per step and progress lines on stderr; with
    /// stderr redirected (cron, a script), nothing beyond the results and errors.
    static func forCommand(_ plan: Plan, effects: Effects, output: Output) -> StepContext {
        let watched = ProgressMeter.stderrIsTerminal
        let progress: @Sendable (String) -> Void = { line in if watched { output.error("  … " + line) } }
        var context = StepContext(plan: plan, effects: effects, progress: progress)
        context.showsProgress = watched
        return context
    }
}
