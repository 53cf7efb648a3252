import CutoverSystem

/// `cutover audit`: reads the plan, the journal, the latest snapshot, the straggler ledger and the live world, and
/// says what the cutover left behind. It changes nothing and takes no lock (a run may be going on; the report is
/// then a picture of that moment). Mailboxes are read one account at a time, so memory does not grow with the
/// number of messages on the server.
public enum Audit {
    /// The report for `plan`. Commands (`postmap -q`, the queue listing) run through `effects.processes`, service
    /// checks through `effects.probe`, and "audited at" comes from `effects.clock`.
    public static func report(plan: Plan, effects: Effects) throws -> AuditReport {
        var builder = try AuditBuilder(plan: plan, effects: effects)
        let accounts = try builder.auditAccounts()
        let routes = try builder.auditRoutes()
        let stragglers = try builder.auditStragglers()
        let services = builder.auditServices()
        let timeline = try builder.timeline()
        return AuditReport(plan: builder.planSection(), accounts: accounts.section, mailboxes: accounts.renamed,
                           routes: routes, stragglers: stragglers, services: services, timeline: timeline,
                           findings: AuditFinding.sorted(builder.findings))
    }
}
