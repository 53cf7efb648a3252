import CutoverFormats

/// The problems `body` threw, or [] when it succeeded; lets a test assert on every reported line at once.
func problems<T>(_ body: () throws(InputProblems) -> T) -> [InputProblem] {
    do {
        _ = try body()
        return []
    } catch {
        return error.problems
    }
}

/// Just the line numbers, for tests that check which lines were reported.
func lines(_ problems: [InputProblem]) -> [Int?] {
    problems.map(\.line)
}
