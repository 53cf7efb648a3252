/// An input file that cannot be read as one: not a regular file (a FIFO would block, `/dev/zero` never ends), or
/// larger than any real account list or table.
public struct UnsuitableInput: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// What is wrong, without the path: "is a FIFO, not a regular file".
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
