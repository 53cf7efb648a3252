/// One problem (or fact worth a look) the audit found: `{severity, code, subject, message}`.
public struct AuditFinding: Sendable, Codable, Equatable {
    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        case error, warning, info

        /// Errors first: the order findings are listed in.
        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var severity: Severity
    public var code: AuditFindingCode
    /// What the finding is about: an account, a path relative to the plan's folder, a route pattern, a service.
    public var subject: String
    public var message: String

    public init(_ code: AuditFindingCode, _ subject: String, _ message: String) {
        severity = code.severity
        self.code = code
        self.subject = subject
        self.message = message
    }

    /// The stable order of a report: severity, then code, then subject (then message, so equal keys stay put).
    static func sorted(_ findings: [AuditFinding]) -> [AuditFinding] {
        findings.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.severity != b.severity { return a.severity < b.severity }
            if a.code != b.code { return a.code.rawValue < b.code.rawValue }
            if a.subject != b.subject { return a.subject < b.subject }
            if a.message != b.message { return a.message < b.message }
            return left.offset < right.offset
        }.map(\.element)
    }
}
