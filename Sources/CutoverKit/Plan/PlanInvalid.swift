import CutoverFormats

/// The plan, or an input file it names, cannot be used; nothing was changed. Lists every problem found.
public struct PlanInvalid: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
