/// The human rendering of a sweep: one summary line when nothing moved (cron mails only what matters), else each
/// pass's report; then when the latest straggler was seen, per account and overall.
public enum SweepReportText {
    public static func render(_ report: SweepReport, planName: String) -> String {
        var lines: [String] = []
        for pass in report.passes where pass.dryRun || pass.movedStragglers > 0 || pass.failure != nil {
            lines.append(RunReportText.render(pass, planName: planName, command: "sweep"))
        }
        let passes = report.passes.count == 1 ? "" : " in \(report.passes.count) passes"
        let dry = report.passes.last?.dryRun == true
        lines.append("sweep: " + (report.moved == 0 && !dry ? "nothing to move" : dry ? "dry run" : "\(report.moved) stragglers moved")
            + passes + "; last straggler seen " + (report.lastSeenOverall ?? "never")
            + (report.quietFor.map { "; quiet for \($0)" } ?? "") + left(report))
        for account in report.lastSeen.keys.sorted() where report.moved > 0 {
            lines.append("  \(account.padding(toLength: 16, withPad: " ", startingAt: 0)) last straggler \(report.lastSeen[account]!)")
        }
        return lines.joined(separator: "\n")
    }

    /// What stays on the old side (mail of removed accounts, unmovable messages), counted in the summary line so
    /// that cron still prints one line; `--format json` and `cutover audit` name them.
    private static func left(_ report: SweepReport) -> String {
        let warnings = report.passes.last?.steps.flatMap(\.actions).filter { $0.kind == .warning }.count ?? 0
        return warnings == 0 ? "" : "; \(warnings) warnings (`cutover audit` lists them)"
    }
}
