/// `cutover status`: per step, the journal's last word and whether the end state holds in the world now.
public struct StatusReport: Sendable, Codable, Equatable {
    public struct StepStatus: Sendable, Codable, Equatable {
        public var step: StepName
        public var role: StepRole
        public var lastEvent: JournalEntry.Event?
        public var time: String?
        public var run: String?
        public var holdsNow: Bool
        public var pending: String?
    }

    public var plan: String
    public var planName: String
    public var steps: [StepStatus]

    /// Reads the journal and asks every step of the plan whether its end state holds.
    public static func of(_ context: StepContext, steps: [any CutoverStep]) throws -> StatusReport {
        let journal = try Journal.read(context.state)
        let statuses = try steps.map { step in
            let last = journal.last { $0.step == step.name }
            let verification = try step.verify(context)
            var pending: String?
            if case .pending(let why) = verification { pending = why }
            return StepStatus(step: step.name, role: step.role, lastEvent: last?.event, time: last?.time,
                              run: last?.run, holdsNow: verification.holds, pending: pending)
        }
        return StatusReport(plan: context.plan.file, planName: context.plan.name, steps: statuses)
    }
}
