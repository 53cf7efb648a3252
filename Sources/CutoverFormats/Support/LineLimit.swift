/// The longest line a line-based input may have. No account, route or queue line comes near it; a longer one is a
/// wrong or damaged file, and parsing it would only produce errors as long as the line.
public enum LineLimit {
    public static let bytes = 64 * 1024

    /// Throws one problem per over-long line, naming the file and line; returns when every line fits.
    public static func check(_ text: String, file: String) throws(InputProblems) {
        var problems: [InputProblem] = []
        var line = 1
        var length = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                length = 0
                continue
            }
            length += 1
            if length == bytes + 1 {
                problems.append(InputProblem(file: file, line: line, message: "line longer than 64 KB; is this the right file?"))
            }
        }
        if !problems.isEmpty { throw InputProblems(problems) }
    }
}
