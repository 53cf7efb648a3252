/// The source text of a Postfix transport(5) table (`pattern<whitespace>nexthop` lines), kept byte for byte so a
/// rewrite touches only the routes it changes. Patterns are matched without regard to case, as Postfix does.
public struct PostfixTransportMap: Sendable, Equatable {
    private var table: PostfixTable

    /// Parses `text`, reporting every bad line: a pattern with no nexthop, a duplicate pattern, a NUL byte,
    /// an indented (continuation) line before any entry.
    public static func parse(_ text: String, file: String) throws(InputProblems) -> PostfixTransportMap {
        let nouns = PostfixTable.Nouns(key: "pattern", value: "nexthop")
        return PostfixTransportMap(table: try PostfixTable.parse(text, file: file, nouns: nouns))
    }

    /// The nexthop the table gives `pattern` (compared without regard to case), nil when it has no entry.
    public func nexthop(for pattern: String) -> String? {
        table.entryIndex(forKey: pattern).map { table.entries[$0].value }
    }

    /// Every entry in file order.
    public var routes: [TransportRoute] {
        table.entries.map { TransportRoute(pattern: $0.key, nexthop: $0.value, line: $0.line) }
    }

    /// Replace each pattern's nexthop (keeping the line's original separator whitespace), or append
    /// "pattern\tnexthop" at the end when missing. Changes lists only real changes (setting an equal value is no
    /// change). Order of `set` is the order of appends.
    ///
    /// A replaced entry becomes one line (its continuation lines go) and keeps its "\r" in a CRLF file.
    public func setting(
        _ set: [(pattern: String, nexthop: String)]
    ) -> (map: PostfixTransportMap, changes: [RouteChange]) {
        var table = self.table
        var changes: [RouteChange] = []
        for (pattern, nexthop) in set {
            let before: String?
            let after: String
            if let index = table.entryIndex(forKey: pattern) {
                let entry = table.entries[index]
                guard entry.value != nexthop else { continue }
                before = table.originalText(of: entry)
                after = entry.key + (entry.separator.isEmpty ? "\t" : entry.separator) + nexthop
                table = table.replacingLines { text in
                    let carriageReturn = TextLines.content(of: text.lines[entry.lineIndices[0]]).carriageReturn
                    text.lines[entry.lineIndices[0]] = after + (carriageReturn ? "\r" : "")
                    for continuation in entry.lineIndices.dropFirst().reversed() { text.lines.remove(at: continuation) }
                }
            } else {
                before = nil
                after = pattern + "\t" + nexthop
                table = table.replacingLines { $0.append(after) }
            }
            Self.record(RouteChange(pattern: pattern, before: before, after: after), in: &changes)
        }
        return (PostfixTransportMap(table: table), changes)
    }

    /// The table's text: unchanged lines byte for byte, appended lines each ending in "\n".
    public func render() -> String {
        table.render()
    }

    /// Adds `change`, folding it into an earlier change of the same pattern so the list says before → final.
    private static func record(_ change: RouteChange, in changes: inout [RouteChange]) {
        guard let earlier = changes.firstIndex(where: { $0.pattern.lowercased() == change.pattern.lowercased() }) else {
            changes.append(change)
            return
        }
        changes[earlier].after = change.after
        if changes[earlier].before == change.after { changes.remove(at: earlier) }
    }
}
