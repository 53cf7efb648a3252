import CutoverSystem

/// The exit codes of the public contract, in one place.
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// A step failed; the state is kept and `run` again resumes.
    case stepFailed = 1
    /// Bad usage, or an invalid plan or input file; nothing was changed.
    case invalidInput = 2
    /// Another run holds the lock.
    case locked = 3
    /// `audit` found at least one finding of severity `error`.
    case auditErrors = 4

    /// Which code an error that reached the top means.
    static func of(_ error: Error) -> ExitCode {
        switch error {
        case is UsageError, is PlanInvalid, is FingerprintMismatch: return .invalidInput
        case is LockHeld: return .locked
        default: return .stepFailed
        }
    }
}
