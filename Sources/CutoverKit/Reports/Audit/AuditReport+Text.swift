extension AuditReport {
    /// For the terminal: the summary, then the findings by severity, then the details as aligned tables.
    public func renderText() -> String {
        var lines = ["cutover audit: \(plan.name)",
                     "plan \(plan.file), domain \(plan.domain), snapshot \(plan.snapshot ?? "none")"
                         + (plan.snapshotTaken.map { " taken \($0)" } ?? "") + ", audited \(plan.audited)",
                     ""]
        let summary = summary
        lines += ["Summary", "  result     \(summary.verdict)", "  accounts   \(summary.accounts)",
                  "  mail       \(summary.mail)", "  downtime   \(summary.downtime)", "  findings   \(summary.findings)"]
        for severity in AuditFinding.Severity.allCases {
            let some = findings.filter { $0.severity == severity }
            guard !some.isEmpty else { continue }
            lines += ["", "\(severity.rawValue.capitalized)s (\(some.count))"]
            lines += some.map { "  \($0.code.rawValue)  \($0.subject): \($0.message)" }
        }
        lines += section("Accounts", accountRows)
        if !mailboxes.isEmpty { lines += section("Renamed mailboxes", renamedRows) }
        if !routes.isEmpty { lines += section("Routes", routeRows) }
        lines += ["", "Stragglers", "  moved: \(stragglers.moved), duplicates not copied: \(stragglers.duplicatesSkipped), "
            + "last straggler seen: \(stragglers.lastSeen ?? "never"), last sweep: \(stragglers.lastSweep ?? "never")"]
        lines += stragglers.unmoved.map { "  unmoved: \($0.path) (\($0.reason))" }
        if let queue = stragglers.queue {
            lines.append("  queue (\(queue.command)): " + (queue.problem ?? (queue.held.isEmpty ? "nothing held"
                : queue.held.joined(separator: " "))))
        }
        if !services.isEmpty { lines += section("Services", serviceRows) }
        if !timeline.steps.isEmpty { lines += section("Timeline", timelineRows) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return ["", title] + rows.map { row in
            var line = "  "
            for (column, cell) in row.enumerated() {
                line += column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            return line
        }
    }
}
