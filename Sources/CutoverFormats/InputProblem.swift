/// One thing wrong with an input file, located as precisely as the parser can: `file:line: message`.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it (a path, or a label such as a plan key).
    public var file: String
    /// 1-based line number, when the problem belongs to one line.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Every problem a parser found in one pass, so the user can fix them all at once.
public struct InputProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [InputProblem]

    public init(_ problems: [InputProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
