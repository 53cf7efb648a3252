/// A Dovecot passwd-file, kept line by line so that rewriting it changes only the entries that were changed.
///
/// `parse(x).render() == x` byte for byte: comments, blank lines, CRLF line ends, a UTF-8 byte order mark and a
/// missing final newline all survive. A file built with `init(lines:)` has no byte order mark and ends in a
/// newline; to keep those of a parsed file, change `lines` on a copy of it instead.
public struct PasswdFile: Sendable, Equatable {
    /// One physical line of the file.
    public enum Line: Sendable, Equatable {
        case entry(PasswdFileEntry)
        /// A comment ('#') or blank line, byte for byte (a CRLF file's line keeps its "\r").
        case verbatim(String)
    }

    public var lines: [Line]
    private var hasByteOrderMark = false
    private var endsWithNewline = true

    public init(lines: [Line]) {
        self.lines = lines
    }

    /// Parses `text`, reporting every bad line: no ':', an invalid user id, an empty domain, a duplicate user,
    /// a NUL byte. `file` names the file in the problems.
    public static func parse(_ text: String, file: String) throws(InputProblems) -> PasswdFile {
        try LineLimit.check(text, file: file)
        let physical = TextLines(text)
        var result = PasswdFile(lines: [])
        result.hasByteOrderMark = physical.hasByteOrderMark
        result.endsWithNewline = physical.endsWithNewline
        var problems: [InputProblem] = []
        var firstLine: [String: Int] = [:]
        for (index, raw) in physical.lines.enumerated() {
            let number = index + 1
            let text = TextLines.content(of: raw).text
            func problem(_ message: String) {
                problems.append(InputProblem(file: file, line: number, message: message))
            }
            // Dovecot reads lines as C strings: a NUL would silently cut the line short, even in a comment.
            if text.utf8.contains(0) {
                problem("NUL byte in the line")
                continue
            }
            if TextLines.isBlank(text) || text.hasPrefix("#") {
                result.lines.append(.verbatim(raw))
                continue
            }
            guard var entry = PasswdFileEntry.fields(of: text, line: number) else {
                problem("expected user:password:uid:gid:gecos:home:shell[:extra_fields], found no ':'")
                continue
            }
            entry.originalText = raw
            var valid = true
            if let message = UserID.problem(with: entry.userID) {
                problem(message)
                valid = false
            }
            if let domain = entry.domain {
                if domain.isEmpty {
                    problem("empty domain after '@' in '\(UserID.printable(entry.user))'")
                    valid = false
                } else if domain.utf8.contains(UInt8(ascii: "@")) {
                    problem("user '\(UserID.printable(entry.user))' has more than one '@'")
                    valid = false
                }
            }
            if valid {
                // Dovecot compares domains without regard to case; local parts as written.
                let key = entry.userID + "@" + (entry.domain?.lowercased() ?? "")
                if let first = firstLine[key] {
                    problem("duplicate user '\(entry.user)' (first on line \(first))")
                } else {
                    firstLine[key] = number
                }
            }
            result.lines.append(.entry(entry))
        }
        if !problems.isEmpty { throw InputProblems(problems) }
        return result
    }

    /// The account lines, in file order.
    public var entries: [PasswdFileEntry] {
        lines.compactMap { if case .entry(let entry) = $0 { entry } else { nil } }
    }

    /// The file text: unchanged lines as they were read, changed and new entries as fields joined by ':'.
    public func render() -> String {
        let texts = lines.map { line in
            switch line {
            case .entry(let entry): entry.renderedLine()
            case .verbatim(let text): text
            }
        }
        return TextLines(hasByteOrderMark: hasByteOrderMark, lines: texts, endsWithNewline: endsWithNewline).joined()
    }
}
