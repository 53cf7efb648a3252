/// One step of the cutover: a value with three verbs. Steps own nothing global: the runner owns ordering,
/// journaling, locking and resume, and asks `verify` before and after every `apply`.
///
/// Plan/apply, as Terraform does it: `work` reads the world once and returns a value; `preview` renders that value;
/// `apply` executes that same value and reports the same actions. So what a dry run lists is what a run does, and
/// the fingerprint an operator approves is taken from the values that are then executed.
public protocol CutoverStep: Sendable {
    /// Everything the step would change, computed from the world. Reading it changes nothing.
    associatedtype Work: Sendable

    var name: StepName { get }
    var role: StepRole { get }
    /// Reads only: what is to be done to bring the world to this step's end state.
    func work(_ context: StepContext) throws -> Work
    /// Pure: the actions `work` stands for, in the order `apply` carries them out.
    func preview(_ work: Work) -> StepPlan
    /// Carries out `work`; safe to run again, and to resume after a crash at any point. Reports the actions of
    /// `preview(work)` (plus a warning for anything that went otherwise, such as a failed queue flush).
    func apply(_ work: Work, _ context: StepContext) throws -> StepPlan
    /// Does the end state hold in the real world? Looks at the world, never at the journal.
    func verify(_ context: StepContext) throws -> Verification
    /// Right after `apply(work)`: did it reach the end state `work` stood for? Usually `verify`; a step whose
    /// world keeps moving (mail still arriving) checks only what `work` covered.
    func verifyApplied(_ work: Work, _ context: StepContext) throws -> Verification
    /// Digests of inputs whose edits change no action but must still invalidate an approved preview (a password
    /// edited in the import list leaves the account "changed" either way).
    func fingerprintInputs(_ context: StepContext) throws -> [String]
    /// What the step reports even when its end state holds and it is skipped: what it cannot fix (mail it cannot
    /// move, say). Most steps have nothing to say then.
    func standingWarnings(_ context: StepContext) throws -> [PlannedAction]
    /// Folders `apply(work)` writes temporary files into. Before it applies, the runner removes from them the
    /// temporary files a killed run left behind (their names carry the tool's marker).
    func scratchFolders(_ work: Work) -> [String]
}

extension CutoverStep {
    public var role: StepRole { .data }

    public func fingerprintInputs(_ context: StepContext) throws -> [String] { [] }

    public func standingWarnings(_ context: StepContext) throws -> [PlannedAction] { [] }

    public func verifyApplied(_ work: Work, _ context: StepContext) throws -> Verification { try verify(context) }

    public func scratchFolders(_ work: Work) -> [String] { [] }

    /// The work computed now, rendered.
    public func preview(_ context: StepContext) throws -> StepPlan { preview(try work(context)) }

    /// The work computed now, carried out.
    public func apply(_ context: StepContext) throws -> StepPlan { try apply(try work(context), context) }
}

/// What a step is to the runner: one of the brackets around the cutover, or a step that changes data.
public enum StepRole: String, Sendable, Codable {
    /// Quiets the server for the data steps (stops services); skipped when every data step already holds.
    case opening
    /// Brings back what the opening bracket quieted (starts services and proves they answer).
    case closing
    /// Changes mail data, accounts or routes.
    case data
}

/// The answer of `verify`.
public enum Verification: Sendable, Equatable {
    case holds
    case pending(String)

    public var holds: Bool { self == .holds }
}
