import CutoverFormats
import CutoverSystem

/// Why a command or a step did not finish, as the operator (or a script) gets it: which step, what kind of
/// trouble, what happened, and the command to run next. Every error reaches the edge as one of these.
public struct Failure: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case usage
        case invalidPlan = "invalid-plan"
        case invalidInput = "invalid-input"
        case worldChanged = "world-changed"
        case locked
        case stepFailed = "step-failed"
        case interrupted
        case auditErrors = "audit-errors"
    }

    public var step: StepName?
    public var kind: Kind
    public var message: String
    /// The command to run next, or what to do before running again.
    public var hint: String?

    public init(step: StepName? = nil, kind: Kind, message: String, hint: String? = nil) {
        self.step = step
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// The one place that says what kind of failure an error is. `plan` is the plan file, for the hint, and
    /// `command` the command that resumes (`cutover run PLAN` unless said otherwise).
    public init(_ error: any Error, step: StepName? = nil, plan: String? = nil, command: String? = nil) {
        let again = command ?? plan.map { "cutover run \($0)" }
        let resume = again.map { "fix the cause, then `\($0)` resumes where it stopped" }
        switch error {
        case let failure as Failure:
            self = failure
        case let usage as UsageError:
            self.init(step: step, kind: .usage, message: usage.message, hint: "run `cutover --help` for usage")
        case let invalid as PlanInvalid:
            self.init(step: step, kind: .invalidPlan, message: invalid.description,
                      hint: plan.map { "fix the plan, then check it with `cutover validate \($0)`" })
        case let mismatch as FingerprintMismatch:
            self.init(step: step, kind: .worldChanged, message: mismatch.description,
                      hint: plan.map { "review a new preview: `cutover run \($0) --dry-run`" })
        case let held as LockHeld:
            self.init(step: step, kind: .locked, message: held.description, hint: nil)
        case let stepFailure as StepFailure:
            self.init(step: stepFailure.step ?? step, kind: .stepFailed, message: stepFailure.message, hint: resume)
        case let interrupted as Interrupted:
            self.init(step: step, kind: .interrupted, message: interrupted.description,
                      hint: again.map { "`\($0)` resumes where it stopped" })
        case let problem as InputProblem:
            self.init(step: step, kind: step == nil ? .invalidInput : .stepFailed, message: problem.description,
                      hint: step == nil ? nil : resume)
        default:
            self.init(step: step, kind: .stepFailed, message: "\(error)", hint: resume)
        }
    }

    public var description: String { (step.map { "\($0.rawValue): " } ?? "") + message }
}

/// SIGINT or SIGTERM arrived while a step ran: the step stopped after its current atomic operation.
public struct Interrupted: Error, Sendable, CustomStringConvertible {
    public var signal: String

    public init(signal: String) { self.signal = signal }

    public var description: String { "interrupted by \(signal)" }
}
