/// What `cutover audit` found, as one value: text, Markdown, HTML and JSON are renderings of it. Every path in it
/// is relative to the plan's folder, so the report reads the same wherever the tree lives.
public struct AuditReport: Sendable, Codable, Equatable {
    /// Bumped when a key changes meaning or goes away; added keys do not bump it.
    public static let currentSchemaVersion = 1

    public var schemaVersion = Self.currentSchemaVersion
    public var plan: PlanSection
    public var accounts: AccountsSection
    /// Removed accounts' mailboxes, renamed to `~name`, against the snapshot.
    public var mailboxes: [RenamedMailbox]
    public var routes: [RouteState]
    public var stragglers: StragglersSection
    public var services: [ServiceState]
    public var timeline: TimelineSection
    /// Sorted: errors first, then by code and subject.
    public var findings: [AuditFinding]

    /// True when a finding is an `error`: `cutover audit` then exits 4.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    public func count(_ severity: AuditFinding.Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
