import CutoverKit

/// The exit codes of the public contract, in one place: the help's table and the mapping from failures.
public enum ExitCode: Int32, Sendable, CaseIterable {
    case success = 0
    case stepFailed = 1
    case invalidInput = 2
    case locked = 3
    case auditErrors = 4

    /// What the code means, as `--help` prints it.
    var meaning: String {
        switch self {
        case .success: return "success"
        case .stepFailed: return "a step failed or was interrupted (state kept; run again resumes)"
        case .invalidInput: return "bad usage, or an invalid plan or input file (nothing was changed)"
        case .locked: return "another run holds the lock"
        case .auditErrors: return "audit found at least one finding of severity error"
        }
    }

    /// The code a failure of this kind ends the process with.
    init(_ kind: Failure.Kind) {
        switch kind {
        case .usage, .invalidPlan, .invalidInput, .worldChanged: self = .invalidInput
        case .locked: self = .locked
        case .stepFailed, .interrupted: self = .stepFailed
        case .auditErrors: self = .auditErrors
        }
    }
}
