/// The human rendering of a run or dry run: one block per step, every action on its own line.
public enum RunReportText {
    /// `command` names what ran (`run`, `sweep`) in the heading.
    public static func render(_ report: RunReport, planName: String, command: String = "run") -> String {
        var lines = ["cutover \(command): \(planName.isEmpty ? report.plan : planName)" + (report.dryRun ? " (dry run: nothing changes)" : "")]
        for (position, step) in report.steps.enumerated() {
            let outcome = report.dryRun ? "" : " [\(step.outcome.rawValue)]"
            lines.append("[\(position + 1)/\(report.selected.count)] \(step.step.rawValue)\(outcome): \(step.summary)")
            for action in step.actions {
                lines.append("    \(action.kind.symbol) \(action.kind.rawValue) \(action.subject)"
                    + (action.detail.map { "  \($0)" } ?? ""))
            }
        }
        if let fingerprint = report.fingerprint { lines.append("fingerprint: \(fingerprint)") }
        if let failure = report.failure {
            lines.append("FAILED: \(failure.description)")
            lines.append(failure.hint.map { "Next: \($0)" } ?? "Fix the cause and run again: completed steps are not repeated.")
        }
        return lines.joined(separator: "\n")
    }
}
