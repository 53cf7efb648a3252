import CutoverFormats
import CutoverSystem
import Foundation

/// Runs an ordered list of steps under the lock, journaling each, asking the world before every apply whether the
/// step's end state already holds. Resuming after a crash is just running again. It names no particular step:
/// `run`, `sweep` and the like are different step lists on this one runner.
public struct Runner: Sendable {
    public var context: StepContext
    /// Every step of the plan, in order: whether the data steps are pending is asked of all of them, also when
    /// `--only` selects one.
    public var steps: [any CutoverStep]
    /// The command that resumes these steps, for the hint of a failure.
    public var resumeCommand: String

    public init(context: StepContext, steps: [any CutoverStep], resumeCommand: String? = nil) {
        self.context = context
        self.steps = steps
        self.resumeCommand = resumeCommand ?? "cutover run \(context.plan.file)"
    }

    public func run(_ options: RunOptions) throws -> RunReport {
        var runner = self
        runner.context.mayWriteState = !options.dryRun
        runner.context.memo = WorkMemo()
        return try runner.execute(options)
    }

    private func execute(_ options: RunOptions) throws -> RunReport {
        let selected = try select(options)
        let runID = Self.newRunID(context.effects.clock.now())
        var report = RunReport(run: runID, plan: context.plan.file, dryRun: options.dryRun)
        report.selected = selected.map(\.name)
        if options.dryRun {
            report.steps = try preview(selected)
            report.fingerprint = try fingerprint(of: report.steps, selected)
            return report
        }
        // Checked before the state folder or the lock is touched: a refused run leaves no trace.
        if let expected = options.expectFingerprint {
            var readOnly = self
            readOnly.context.mayWriteState = false
            let actual = try readOnly.fingerprint(of: try readOnly.preview(selected), selected)
            guard actual == expected else { throw FingerprintMismatch(expected: expected, actual: actual) }
            report.fingerprint = actual
        }
        try context.state.create()
        let lock = try FileLock.acquire(at: context.state.lock)
        defer { lock.release() }
        let journal = try Journal(state: context.state, runID: runID, clock: context.effects.clock)
        try journal.note("run \(context.plan.file) steps: \(selected.map(\.name.rawValue).joined(separator: " "))")
        return try context.effects.interruption.watch {
            let dataPending = DataPending(runner: self)
            for step in selected {
                let result = try runStep(step, journal: journal, dataPending: dataPending)
                report.steps.append(result.step)
                if let failure = result.failure {
                    report.failure = failure
                    return report
                }
            }
            return report
        }
    }

    /// What `run` would do, step by step, without doing it: skips decided as `run` decides them, except that a
    /// closing bracket is due whenever this preview has its opening bracket stop something.
    private func preview(_ selected: [any CutoverStep]) throws -> [RunReport.StepResult] {
        let dataPending = DataPending(runner: self)
        var opened = false
        return try selected.map { step in
            let skip = try skipReason(step, dataPending: dataPending, opened: opened)
            if step.role == .opening { opened = skip == nil }
            return try result(of: step, skipped: skip)
        }
    }

    /// Why `step` has nothing to do, or nil when it is due. `opened`: an earlier step of this run quieted the
    /// server, so the closing bracket is due whatever the world says now.
    private func skipReason(_ step: some CutoverStep, dataPending: DataPending, opened: Bool) throws -> String? {
        switch step.role {
        case .opening where !(try dataPending.answer()): return "every later step already holds; services not stopped"
        case .closing where opened: return nil
        default: return try step.verify(context).holds ? "end state already holds" : nil
        }
    }

    /// The step's work rendered; when skipped, only what it cannot fix is reported.
    private func result(of step: some CutoverStep, skipped: String?) throws -> RunReport.StepResult {
        guard let skipped else {
            let planned = step.preview(try step.work(context))
            return .init(step: step.name, outcome: .previewed, summary: planned.summary, actions: planned.actions)
        }
        return .init(step: step.name, outcome: .skipped, summary: skipped,
                     actions: try step.standingWarnings(context))
    }

    private func runStep(_ step: some CutoverStep, journal: Journal,
                         dataPending: DataPending) throws -> (step: RunReport.StepResult, failure: Failure?) {
        let name = step.name
        context.progress("\(name.rawValue): checking")
        do {
            try context.checkpoint()
            if let reason = try skipReason(step, dataPending: dataPending, opened: false) {
                try journal.record(name, .skipped, reason: reason)
                let skipped = try result(of: step, skipped: reason)
                try log(skipped.actions, of: name, journal: journal)
                return (skipped, nil)
            }
            let work = try step.work(context)
            // On every core: a straggler pass names a folder per account it copies into.
            let scratch = Set(step.scratchFolders(work)).sorted()
            for removed in Parallel.map(scratch, { folder in Result { try LeftoverTemporaries.remove(in: folder) } }) {
                for leftover in try removed.get() {
                    try journal.note("\(name.rawValue): removed \(leftover), left by a run that was killed")
                }
            }
            try journal.record(name, .started)
            // Forgotten before apply changes the world; what apply computes after its last change (a straggler
            // pass rescans to count late arrivals) stays for `verifyApplied`, which asks the same question.
            context.memo?.forget()
            let done: StepPlan
            do {
                done = try step.apply(work, context)
            } catch {
                context.memo?.forget()
                throw error
            }
            let applied = try step.verifyApplied(work, context)
            // Not needed any more: a big pass's work is freed on another thread, not while the operator waits.
            Parallel.release(consume work)
            context.memo?.forget()
            if case .pending(let why) = applied {
                throw StepFailure("applied, but the end state does not hold: \(why)", step: name)
            }
            try log(done.warnings, of: name, journal: journal)
            try journal.record(name, .completed, summary: done.summary, actions: done.actions.count)
            return (.init(step: name, outcome: .applied, summary: done.summary, actions: done.actions), nil)
        } catch {
            var failure = Failure(error, step: name, plan: context.plan.file, command: resumeCommand)
            do {
                try journal.record(name, .failed, reason: failure.message)
            } catch let journalError {
                // The original error is what the operator must see; the journal's trouble comes second.
                failure.message += " (and the journal could not record this failure: \(journalError))"
            }
            return (.init(step: name, outcome: .failed, summary: failure.message, actions: []), failure)
        }
    }

    fileprivate func isDataPending() throws -> Bool {
        try steps.filter { $0.role == .data }.contains { !(try $0.verify(context).holds) }
    }

    /// Warnings go to `cutover.log` too: whoever reads the log tomorrow must see them, not only today's terminal.
    private func log(_ warnings: [PlannedAction], of step: StepName, journal: Journal) throws {
        for warning in warnings where warning.kind == .warning {
            try journal.note("\(step.rawValue) warning: \(warning.subject)" + (warning.detail.map { ": " + $0 } ?? ""))
        }
    }

    private func fingerprint(of results: [RunReport.StepResult], _ selected: [any CutoverStep]) throws -> String {
        Fingerprint.of(results, inputs: try selected.flatMap { try $0.fingerprintInputs(context) })
    }

    private func select(_ options: RunOptions) throws -> [any CutoverStep] {
        let names = steps.map(\.name)
        for requested in [options.only, options.from].compactMap({ $0 }) where !names.contains(requested) {
            throw UsageError("step '\(requested.rawValue)' is not in the plan's `steps`")
        }
        if let only = options.only { return steps.filter { $0.name == only } }
        if let from = options.from { return steps.filter { $0.name >= from } }
        return steps
    }

    static func newRunID(_ date: Date) -> String {
        let stamp = Timestamp.rfc3339Milliseconds(date).filter { $0.isNumber }
        return stamp + "-" + String(getpid())
    }
}

/// Whether any data step of the plan is pending, asked once, and only by an opening bracket: a sweep or an `--only`
/// of a data step never pays for checking the whole plan, and a check that fails does so inside the step's run.
private final class DataPending {
    private let runner: Runner
    private var known: Bool?

    init(runner: Runner) { self.runner = runner }

    func answer() throws -> Bool {
        if let known { return known }
        let pending = try runner.isDataPending()
        known = pending
        return pending
    }
}
