/// `cutover status PLAN`: per step, the journal's last word and whether the end state holds in the world now.
struct StatusCommand {
    var planPath: String
    var format: OutputFormat

    struct StepStatus: Codable {
        var step: StepName
        var lastEvent: JournalEntry.Event?
        var time: String?
        var run: String?
        var holdsNow: Bool
        var pending: String?
    }

    struct Report: Codable {
        var plan: String
        var steps: [StepStatus]
    }

    func execute(effects: Effects, output: Output) throws -> ExitCode {
        let plan = try PlanLoader.load(planPath)
        let context = StepContext(plan: plan, effects: effects)
        let journal = try Journal.read(context.state)
        let steps = try StandardSteps.all.filter { plan.steps.contains($0.name) }.map { step in
            let last = journal.last { $0.step == step.name }
            let verification = try step.verify(context)
            var pending: String?
            if case .pending(let why) = verification { pending = why }
            return StepStatus(step: step.name, lastEvent: last?.event, time: last?.time, run: last?.run,
                              holdsNow: verification.holds, pending: pending)
        }
        let report = Report(plan: plan.file, steps: steps)
        switch format {
        case .json:
            output.print(try JSONRendering.render(report))
        case .text:
            output.print("cutover status: \(plan.name.isEmpty ? plan.file : plan.name)")
            for step in steps {
                let journalWord = step.lastEvent.map { "\($0.rawValue) \(step.time ?? "")" } ?? "never run"
                // Services are up again after a finished cutover: for stop-services "pending" is the normal state.
                let now = step.step == .stopServices
                    ? (step.holdsNow ? "services down" : "services up")
                    : (step.holdsNow ? "holds" : "pending: \(step.pending ?? "")")
                output.print("  \(step.step.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))"
                    + "journal: \(journalWord); now: \(now)")
            }
        }
        return .success
    }
}
