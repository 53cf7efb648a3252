/// A step could not reach its end state. The state is kept; `run` again resumes.
public struct StepFailure: Error, Sendable, CustomStringConvertible {
    public var step: StepName?
    public var message: String

    public init(_ message: String, step: StepName? = nil) {
        self.message = message
        self.step = step
    }

    public var description: String { step.map { "\($0.rawValue): \(message)" } ?? message }
}
