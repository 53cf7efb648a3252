import CutoverSystem
import Foundation

/// The audit's working state: what it reads everything through, and the findings collected so far.
struct AuditBuilder {
    let plan: Plan
    let effects: Effects
    let state: StateFolder
    let snapshot: SnapshotFolder?
    let snapshotMetadata: SnapshotMetadata?
    /// The straggler ledger, read once for the accounts and the stragglers section.
    let ledger: StragglerLedger.Records
    var findings: [AuditFinding] = []

    init(plan: Plan, effects: Effects) throws {
        self.plan = plan
        self.effects = effects
        state = StateFolder(path: plan.stateDir)
        snapshot = try state.latestSnapshot()
        snapshotMetadata = try snapshot?.readMetadata()
        ledger = try StragglerLedger(state: state).read()
        if snapshot == nil {
            findings.append(AuditFinding(.noSnapshot, relative(state.snapshots),
                                         "no complete snapshot: mailboxes are not compared with their state before the cutover"))
        }
    }

    mutating func add(_ code: AuditFindingCode, _ subject: String, _ message: String) {
        findings.append(AuditFinding(code, subject, message))
    }

    func planSection() -> AuditReport.PlanSection {
        AuditReport.PlanSection(name: plan.name, file: (plan.file as NSString).lastPathComponent, domain: plan.domain,
                                stateDir: relative(plan.stateDir), snapshot: snapshotMetadata?.id,
                                snapshotTaken: snapshotMetadata?.created,
                                audited: Timestamp.rfc3339Milliseconds(effects.clock.now()))
    }

    /// `path` relative to the plan's folder ("../Fixtures/mail/x"), so no report names the temp folder it ran in.
    func relative(_ path: String) -> String {
        RelativePath.of(path, from: plan.folder)
    }
}
