/// One step of the cutover: a value with three verbs. Steps own nothing global: the runner owns ordering,
/// journaling, locking and resume, and asks `verify` before and after every `apply`.
public protocol CutoverStep: Sendable {
    var name: StepName { get }
    /// What `apply` would do to the world as it is now. Reads only.
    func preview(_ context: StepContext) throws -> StepPlan
    /// Bring the world to this step's end state. Safe to run again, and to resume after a crash at any point.
    func apply(_ context: StepContext) throws -> StepPlan
    /// Does the end state hold in the real world? Looks at the world, never at the journal.
    func verify(_ context: StepContext) throws -> Verification
}

/// The answer of `verify`.
public enum Verification: Sendable, Equatable {
    case holds
    case pending(String)

    public var holds: Bool { self == .holds }
}
