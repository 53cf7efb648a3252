import CutoverFormats
import CutoverSystem
import Foundation

/// Runs a plan's steps in order under the lock, journaling each, asking the world before every apply whether the
/// step's end state already holds. Resuming after a crash is just running again.
public struct Runner: Sendable {
    public var context: StepContext
    public var steps: [any CutoverStep]

    public init(context: StepContext, steps: [any CutoverStep]) {
        self.context = context
        self.steps = steps
    }

    public func run(_ options: RunOptions) throws -> RunReport {
        let selected = try select(options)
        let runID = Self.newRunID(context.effects.clock.now())
        var report = RunReport(run: runID, plan: context.plan.file, dryRun: options.dryRun)
        report.selected = selected.map(\.name)
        if options.dryRun || options.expectFingerprint != nil {
            let previews = try selected.map { try $0.preview(context) }
            report.fingerprint = Fingerprint.of(previews, inputs: try FileReading.digest(context.plan.accounts.importList.path).digest)
            if options.dryRun {
                report.steps = previews.map { .init(step: $0.step, outcome: .previewed, summary: $0.summary, actions: $0.actions) }
                return report
            }
            if let expected = options.expectFingerprint, expected != report.fingerprint {
                throw FingerprintMismatch(expected: expected, actual: report.fingerprint ?? "")
            }
        }
        try context.state.create()
        let lock = try FileLock.acquire(at: context.state.lock)
        defer { lock.release() }
        let journal = try Journal(state: context.state, runID: runID, clock: context.effects.clock)
        try journal.note("run \(context.plan.file) steps: \(selected.map(\.name.rawValue).joined(separator: " "))")
        // Judged on every data step of the plan, not only the selected ones: `--only stop-services` before a cutover
        // must really stop the services.
        let dataPending = try steps.filter { context.plan.steps.contains($0.name) && $0.name.changesData }
            .contains { !(try $0.verify(context).holds) }
        for step in selected {
            let result = try runStep(step, journal: journal, servicesMayStayUp: !dataPending)
            report.steps.append(result)
            if result.outcome == .failed {
                report.error = result.summary
                return report
            }
        }
        return report
    }

    private func runStep(_ step: any CutoverStep, journal: Journal, servicesMayStayUp: Bool) throws -> RunReport.StepResult {
        let name = step.name
        context.progress("\(name.rawValue): checking")
        if name == .stopServices && servicesMayStayUp {
            let reason = "every later step already holds; services not stopped"
            try journal.record(name, .skipped, reason: reason)
            return .init(step: name, outcome: .skipped, summary: reason, actions: [])
        }
        do {
            if case .holds = try step.verify(context) {
                try journal.record(name, .skipped, reason: "end state already holds")
                // Nothing to do, but what the step cannot fix (unmovable stragglers, say) is still reported.
                let warnings = try step.preview(context).warnings
                try log(warnings, of: name, journal: journal)
                return .init(step: name, outcome: .skipped, summary: "already done", actions: warnings)
            }
            try journal.record(name, .started)
            let done = try step.apply(context)
            if case .pending(let why) = try step.verify(context) {
                throw StepFailure("applied, but the end state does not hold: \(why)", step: name)
            }
            try log(done.warnings, of: name, journal: journal)
            try journal.record(name, .completed, summary: done.summary, actions: done.actions.count)
            return .init(step: name, outcome: .applied, summary: done.summary, actions: done.actions)
        } catch {
            let message = "\(error)"
            try journal.record(name, .failed, reason: message)
            return .init(step: name, outcome: .failed, summary: message, actions: [])
        }
    }

    /// Warnings go to `cutover.log` too: whoever reads the log tomorrow must see them, not only today's terminal.
    private func log(_ warnings: [PlannedAction], of step: StepName, journal: Journal) throws {
        for warning in warnings {
            try journal.note("\(step.rawValue) warning: \(warning.subject)" + (warning.detail.map { ": " + $0 } ?? ""))
        }
    }

    private func select(_ options: RunOptions) throws -> [any CutoverStep] {
        let planned = steps.filter { context.plan.steps.contains($0.name) }
        for requested in [options.only, options.from].compactMap({ $0 }) where !context.plan.steps.contains(requested) {
            throw UsageError("step '\(requested.rawValue)' is not in the plan's `steps`")
        }
        if let only = options.only { return planned.filter { $0.name == only } }
        if let from = options.from { return planned.filter { $0.name >= from } }
        return planned
    }

    static func newRunID(_ date: Date) -> String {
        let stamp = Timestamp.rfc3339Milliseconds(date).filter { $0.isNumber }
        return stamp + "-" + String(getpid())
    }
}

/// `--expect-fingerprint` did not match: the world changed since the preview the operator approved.
public struct FingerprintMismatch: Error, Sendable, CustomStringConvertible {
    public var expected: String
    public var actual: String

    public var description: String {
        "the world changed since the preview (fingerprint now \(actual), expected \(expected)); "
            + "run --dry-run again and review it"
    }
}

enum Fingerprint {
    /// The previewed actions plus the import list's digest: a password edited after the review changes no action
    /// line (the account is "changed" either way) but must still invalidate the approval.
    static func of(_ previews: [StepPlan], inputs: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = ((try? encoder.encode(previews)) ?? Data()) + Data(inputs.utf8)
        return String(SHA256.hexDigest(Array(bytes)).prefix(16))
    }
}
