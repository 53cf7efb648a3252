extension AuditReport {
    /// For a ticket or an email: headings, the summary as a list, the findings and details as tables.
    public func renderMarkdown() -> String {
        let summary = summary
        var lines = ["# cutover audit: \(Self.markdownEscaped(plan.name))", "",
                     "Plan `\(plan.file)`, domain `\(plan.domain)`, snapshot `\(plan.snapshot ?? "none")`"
                         + (plan.snapshotTaken.map { " taken \($0)" } ?? "") + ", audited \(plan.audited).", "",
                     "## Summary", "",
                     "- **Result:** \(summary.verdict)", "- **Accounts:** \(summary.accounts)",
                     "- **Mail:** \(summary.mail)", "- **Downtime:** \(summary.downtime)",
                     "- **Findings:** \(summary.findings)"]
        lines += ["", "## Findings", ""]
        lines += findings.isEmpty ? ["None."] : table(findingRows)
        lines += ["", "## Accounts", ""] + table(accountRows)
        if !mailboxes.isEmpty { lines += ["", "## Renamed mailboxes", ""] + table(renamedRows) }
        if !routes.isEmpty { lines += ["", "## Routes", ""] + table(routeRows) }
        lines += ["", "## Stragglers", "", "- Moved: \(stragglers.moved)",
                  "- Duplicates not copied: \(stragglers.duplicatesSkipped)",
                  "- Last straggler seen: \(stragglers.lastSeen ?? "never")",
                  "- Last sweep: \(stragglers.lastSweep ?? "never")"]
        lines += stragglers.unmoved.map { "- Unmoved: `\($0.path)` (\(Self.markdownEscaped($0.reason)))" }
        if let queue = stragglers.queue {
            lines.append("- Queue (`\(queue.command)`): " + Self.markdownEscaped(queue.problem
                ?? (queue.held.isEmpty ? "nothing held" : queue.held.joined(separator: " "))))
        }
        if !services.isEmpty { lines += ["", "## Services", ""] + table(serviceRows) }
        if !timeline.steps.isEmpty { lines += ["", "## Timeline", ""] + table(timelineRows) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func table(_ rows: [[String]]) -> [String] {
        let cells = rows.map { "| " + $0.map(Self.markdownEscaped).joined(separator: " | ") + " |" }
        return [cells[0], "|" + String(repeating: " --- |", count: rows[0].count)] + cells.dropFirst()
    }

    /// Table cells and list items: '|' would end a cell, '*', '_', '`', '~', '<' and '[' would start markup.
    static func markdownEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\|*_`<>[]#~".contains(character) { escaped.append("\\") }
            escaped.append(character == "\n" ? " " : character)
        }
        return escaped
    }
}
