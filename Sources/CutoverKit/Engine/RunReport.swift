/// What a run (or dry run) did, step by step; rendered as text or JSON.
public struct RunReport: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable { case previewed, applied, skipped, failed }

    public struct StepResult: Sendable, Codable, Equatable {
        public var step: StepName
        public var outcome: Outcome
        public var summary: String
        public var actions: [PlannedAction]
    }

    public var run: String
    public var plan: String
    public var dryRun: Bool
    /// A digest of the previewed work; `run --expect-fingerprint` refuses when the world no longer matches it.
    public var fingerprint: String?
    /// The steps this run was to take, in order; `steps` ends early when one fails.
    public var selected: [StepName] = []
    public var steps: [StepResult] = []
    public var failure: Failure?
}
