/// The source text of a Postfix `virtual_mailbox_maps` table (`address<whitespace>path` lines), kept byte for
/// byte so regenerating one domain's lines leaves the other domains, comments and blank lines alone.
public struct PostfixVirtualMailboxMap: Sendable, Equatable {
    private var table: PostfixTable

    /// Parses `text`, reporting every bad line: an address with no path, a duplicate address, a NUL byte,
    /// an indented (continuation) line before any entry.
    public static func parse(_ text: String, file: String) throws(InputProblems) -> PostfixVirtualMailboxMap {
        let nouns = PostfixTable.Nouns(key: "address", value: "mailbox path")
        return PostfixVirtualMailboxMap(table: try PostfixTable.parse(text, file: file, nouns: nouns))
    }

    /// Every entry in file order.
    public var entries: [VirtualMailboxEntry] {
        table.entries.map { VirtualMailboxEntry(address: $0.key, path: $0.value, line: $0.line) }
    }

    /// Drop every entry whose address ends in "@"+domain (case-insensitive domain), keep everything else byte for
    /// byte, and put `replacement` lines ("address<TAB>path") where the first dropped line was (or at the end when
    /// there was none), in the order given.
    ///
    /// A catch-all entry ("@domain", no local part) is not an account and is kept.
    public func regenerated(
        domain: String, replacement: [(address: String, path: String)]
    ) -> PostfixVirtualMailboxMap {
        let suffix = "@" + domain.lowercased()
        let dropped = table.entries.filter {
            let address = $0.key.lowercased()
            return address.hasSuffix(suffix) && address != suffix
        }
        let droppedLines = Set(dropped.flatMap(\.lineIndices))
        let newLines = replacement.map { $0.address + "\t" + $0.path }
        let regenerated = table.replacingLines { text in
            guard let insertAt = dropped.first?.lineIndices.first else {
                for line in newLines { text.append(line) }
                return
            }
            var lines: [String] = []
            for (index, line) in text.lines.enumerated() {
                if index == insertAt { lines += newLines }
                if !droppedLines.contains(index) { lines.append(line) }
            }
            text.lines = lines
        }
        return PostfixVirtualMailboxMap(table: regenerated)
    }

    /// The table's text: kept lines byte for byte, new lines each ending in "\n".
    public func render() -> String {
        table.render()
    }
}
