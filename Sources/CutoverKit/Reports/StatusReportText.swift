/// The human rendering of `cutover status`: one line per step.
public enum StatusReportText {
    public static func render(_ report: StatusReport) -> String {
        var lines = ["cutover status: \(report.planName.isEmpty ? report.plan : report.planName)"]
        for step in report.steps {
            let journalWord = step.lastEvent.map { "\($0.rawValue) \(step.time ?? "")" } ?? "never run"
            lines.append("  \(step.step.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))"
                + "journal: \(journalWord); now: \(now(step))")
        }
        return lines.joined(separator: "\n")
    }

    /// Services are up again after a finished cutover: for the opening bracket "pending" is the normal state.
    private static func now(_ step: StatusReport.StepStatus) -> String {
        if step.role == .opening { return step.holdsNow ? "services down" : "services up" }
        return step.holdsNow ? "holds" : "pending: \(step.pending ?? "")"
    }
}
