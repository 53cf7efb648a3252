extension AuditReport {
    /// One self-contained page: inline CSS, no scripts, nothing fetched. A summary a manager can read at the top,
    /// the findings, the timeline as one bar per step, then the tables. Prints on A4. Everything that comes from
    /// the server or the plan is HTML-escaped.
    public func renderHTML() -> String {
        let summary = summary
        var html = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                    "<title>cutover audit: \(Self.escaped(plan.name))</title>", "<style>\(Self.style)</style>",
                    "</head>", "<body>",
                    "<h1>cutover audit: \(Self.escaped(plan.name))</h1>",
                    "<p class=\"meta\">Plan <code>\(Self.escaped(plan.file))</code>, domain "
                        + "<code>\(Self.escaped(plan.domain))</code>, snapshot \(Self.escaped(plan.snapshot ?? "none"))"
                        + (plan.snapshotTaken.map { " taken \(Self.escaped($0))" } ?? "")
                        + ", audited \(Self.escaped(plan.audited)).</p>",
                    "<section id=\"summary\" class=\"summary \(hasErrors ? "bad" : "good")\">",
                    "<p class=\"verdict\">\(Self.escaped(summary.verdict))</p>",
                    "<dl>",
                    "<dt>Accounts</dt><dd>\(Self.escaped(summary.accounts))</dd>",
                    "<dt>Mail moved</dt><dd>\(Self.escaped(summary.mail))</dd>",
                    "<dt>Downtime</dt><dd>\(Self.escaped(summary.downtime))</dd>",
                    "<dt>Findings</dt><dd>\(Self.escaped(summary.findings))</dd>",
                    "</dl>", "</section>"]
        html += ["<h2>Findings</h2>"]
        html += findings.isEmpty ? ["<p>None.</p>"] : table(findingRows) { row, _ in row[0] }
        if !timeline.steps.isEmpty { html += ["<h2>Timeline</h2>"] + timelineBars() }
        html += ["<h2>Accounts</h2>"] + table(accountRows)
        if !mailboxes.isEmpty { html += ["<h2>Renamed mailboxes</h2>"] + table(renamedRows) }
        if !routes.isEmpty { html += ["<h2>Routes</h2>"] + table(routeRows) }
        html += ["<h2>Stragglers</h2>", "<ul>", "<li>Moved: \(stragglers.moved)</li>",
                 "<li>Duplicates not copied: \(stragglers.duplicatesSkipped)</li>",
                 "<li>Last straggler seen: \(Self.escaped(stragglers.lastSeen ?? "never"))</li>",
                 "<li>Last sweep: \(Self.escaped(stragglers.lastSweep ?? "never"))</li>"]
        html += stragglers.unmoved.map {
            "<li>Unmoved: <code>\(Self.escaped($0.path))</code> (\(Self.escaped($0.reason)))</li>"
        }
        if let queue = stragglers.queue {
            html.append("<li>Queue (<code>\(Self.escaped(queue.command))</code>): " + Self.escaped(queue.problem
                ?? (queue.held.isEmpty ? "nothing held" : queue.held.joined(separator: " "))) + "</li>")
        }
        html.append("</ul>")
        if !services.isEmpty { html += ["<h2>Services</h2>"] + table(serviceRows) }
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    /// A row per step, its bar placed on one time axis from the first start to the last end. A step that took no
    /// measurable time still gets a sliver, so every step shows.
    private func timelineBars() -> [String] {
        let starts = timeline.steps.compactMap { AuditBuilder.date($0.start)?.timeIntervalSince1970 }
        let ends = timeline.steps.compactMap { ($0.end ?? $0.start) }.compactMap {
            AuditBuilder.date($0)?.timeIntervalSince1970
        }
        let origin = starts.min() ?? 0
        let span = max((ends.max() ?? origin) - origin, 0.001)
        var rows = ["<div class=\"timeline\">"]
        for step in timeline.steps {
            let start = (AuditBuilder.date(step.start)?.timeIntervalSince1970 ?? origin) - origin
            let left = Self.percent(start / span * 100)
            let width = Self.percent(max(step.seconds / span * 100, 0.5))
            rows.append("<div class=\"step\"><span class=\"label\">\(Self.escaped(step.step))</span>"
                + "<span class=\"track\"><span class=\"bar \(Self.escaped(step.outcome))\" "
                + "style=\"margin-left:\(left)%;width:\(width)%\"></span></span>"
                + "<span class=\"time\">\(Self.escaped(AuditReport.duration(step.seconds))) "
                + "\(Self.escaped(step.outcome))</span></div>")
        }
        rows.append("</div>")
        return rows
    }

    /// Two decimals, never more than 100: a stable, valid CSS percentage.
    private static func percent(_ value: Double) -> String {
        let clamped = min(max(value, 0), 100)
        let hundredths = Int((clamped * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private func table(_ rows: [[String]], rowClass: (([String], Int) -> String)? = nil) -> [String] {
        var html = ["<table>", "<thead><tr>" + rows[0].map { "<th>\(Self.escaped($0))</th>" }.joined() + "</tr></thead>",
                    "<tbody>"]
        for (index, row) in rows.dropFirst().enumerated() {
            let css = rowClass.map { " class=\"\(Self.escaped($0(row, index)))\"" } ?? ""
            html.append("<tr\(css)>" + row.map { "<td>\(Self.escaped($0))</td>" }.joined() + "</tr>")
        }
        return html + ["</tbody>", "</table>"]
    }

    /// Text for HTML content and attribute values.
    static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232a;margin:2em auto;max-width:60em;padding:0 1em}
        h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #ccd}
        .meta{color:#556;margin-top:0}code{font:12px ui-monospace,monospace}
        .summary{border-radius:6px;padding:.8em 1.2em;margin:1em 0}
        .summary.good{background:#e7f6ea;border:2px solid #2e8540}.summary.bad{background:#fdeaea;border:2px solid #b3261e}
        .verdict{font-size:1.4em;font-weight:700;margin:0 0 .4em}
        .summary dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1.2em;margin:0}
        .summary dt{font-weight:600}.summary dd{margin:0}
        table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#eef0f4}tr.error td{background:#fdeaea}tr.warning td{background:#fff6e0}
        .timeline .step{display:flex;align-items:center;gap:.6em;margin:2px 0}
        .timeline .label{width:11em;font-size:12px}.timeline .time{width:11em;font-size:12px;color:#556}
        .timeline .track{flex:1;background:#eef0f4;height:12px;border-radius:3px;overflow:hidden}
        .timeline .bar{display:block;height:12px;min-width:3px;background:#2e6fd8}
        .timeline .bar.skipped{background:#9aa5b1}.timeline .bar.failed{background:#b3261e}.timeline .bar.started{background:#e0a100}
        @page{size:A4;margin:15mm}
        @media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,.timeline .step{break-inside:avoid}
        .summary,.timeline .bar,tr.error td,tr.warning td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}
