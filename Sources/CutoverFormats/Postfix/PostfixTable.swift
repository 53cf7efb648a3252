/// The lexical layer shared by Postfix table sources (transport(5), virtual_mailbox_maps): `key<whitespace>value`
/// lines, '#' comments, blank lines, and lines starting with whitespace that continue the previous entry.
///
/// The physical lines are kept as read so rewriting one entry leaves every other byte of the file alone.
struct PostfixTable: Sendable, Equatable {
    /// One logical entry and the physical lines it was read from.
    struct Entry: Sendable, Equatable {
        var key: String
        /// The value with its continuation lines joined by single spaces, "" when missing.
        var value: String
        /// The whitespace between key and value on the first line ("" when the value starts on a continuation).
        var separator: String
        /// Indices into `text.lines`: the key's line first, then its continuation lines.
        var lineIndices: [Int]
        /// 1-based number of the key's line.
        var line: Int { lineIndices[0] + 1 }
    }

    /// What the table holds, in words for problems: e.g. ("pattern", "nexthop").
    struct Nouns: Sendable {
        var key: String
        var value: String
    }

    private(set) var text: TextLines
    private(set) var entries: [Entry] = []
    /// Problems found while cutting lines into entries (NUL bytes, orphan continuation lines).
    private(set) var lexicalProblems: [(line: Int, message: String)] = []

    init(_ text: TextLines) {
        self.text = text
        lex()
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.text == rhs.text
    }

    /// Parses `source` and checks it: every entry has a value, no key appears twice (Postfix folds keys to lower
    /// case), no NUL bytes, no continuation line before the first entry.
    static func parse(_ source: String, file: String, nouns: Nouns) throws(InputProblems) -> PostfixTable {
        try LineLimit.check(source, file: file)
        let table = PostfixTable(TextLines(source))
        var problems = table.lexicalProblems
        var firstLine: [String: Int] = [:]
        for entry in table.entries {
            if entry.value.isEmpty {
                problems.append((entry.line, "missing \(nouns.value) for '\(UserID.printable(entry.key))'"))
            }
            if let first = firstLine[entry.key.lowercased()] {
                problems.append((entry.line, "duplicate \(nouns.key) '\(entry.key)' (first on line \(first))"))
            } else {
                firstLine[entry.key.lowercased()] = entry.line
            }
        }
        guard problems.isEmpty else {
            let sorted = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            throw InputProblems(sorted.map {
                InputProblem(file: file, line: $0.element.line, message: $0.element.message)
            })
        }
        return table
    }

    /// The entry whose key equals `key` ignoring case, as Postfix looks keys up.
    func entryIndex(forKey key: String) -> Int? {
        let wanted = key.lowercased()
        return entries.firstIndex { $0.key.lowercased() == wanted }
    }

    /// The entry's physical lines without "\r", joined by "\n".
    func originalText(of entry: Entry) -> String {
        entry.lineIndices.map { TextLines.content(of: text.lines[$0]).text }.joined(separator: "\n")
    }

    /// A copy whose physical lines are `lines`, re-read into entries.
    func replacingLines(_ transform: (inout TextLines) -> Void) -> PostfixTable {
        var lines = text
        transform(&lines)
        return PostfixTable(lines)
    }

    func render() -> String {
        text.joined()
    }

    private mutating func lex() {
        for (index, raw) in text.lines.enumerated() {
            let line = TextLines.content(of: raw).text
            if line.utf8.contains(0) {
                lexicalProblems.append((index + 1, "NUL byte in the line"))
                continue
            }
            let body = line.drop { $0 == " " || $0 == "\t" }
            if body.isEmpty || body.hasPrefix("#") { continue }
            if body.startIndex != line.startIndex {
                // Leading whitespace: Postfix appends this text to the previous logical line.
                guard !entries.isEmpty else {
                    lexicalProblems.append((index + 1, "line starts with whitespace but no entry comes before it"))
                    continue
                }
                let more = Self.trimmedTrailing(body)
                entries[entries.count - 1].value += entries[entries.count - 1].value.isEmpty ? more : " " + more
                entries[entries.count - 1].lineIndices.append(index)
                continue
            }
            let key = line.prefix { $0 != " " && $0 != "\t" }
            let afterKey = line[key.endIndex...]
            let valueStart = afterKey.drop { $0 == " " || $0 == "\t" }
            entries.append(Entry(
                key: String(key), value: Self.trimmedTrailing(valueStart),
                separator: String(afterKey[..<valueStart.startIndex]), lineIndices: [index]))
        }
    }

    private static func trimmedTrailing(_ text: Substring) -> String {
        var end = text.endIndex
        while end > text.startIndex, [" ", "\t"].contains(text[text.index(before: end)]) {
            end = text.index(before: end)
        }
        return String(text[..<end])
    }
}
