import CutoverSystem

/// What a step gets to work with: the plan, the effects, the state folder, and a line-by-line progress sink.
public struct StepContext: Sendable {
    public var plan: Plan
    public var effects: Effects
    public var state: StateFolder
    public var progress: @Sendable (String) -> Void
    /// False in a dry run, `status` and `audit`: then nothing at all is written, not even a cache. The runner sets
    /// it for a real run.
    public var mayWriteState = false
    /// Work computed since the world last changed (see `WorkMemo`); only inside a run, whose runner forgets it
    /// before a step applies anything and once that step is checked. Without one every question reads the world
    /// afresh.
    public var memo: WorkMemo?
    /// A person watches stderr on a terminal: long copies draw a progress line there (files, bytes, rate, time left).
    public var showsProgress = false

    /// A progress line for `files` and `bytes` of work, when someone watches.
    func meter(_ label: String, files: Int, bytes: Int64) -> ProgressMeter? {
        showsProgress ? ProgressMeter(label: label, totalFiles: files, totalBytes: bytes) : nil
    }

    public init(plan: Plan, effects: Effects, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.plan = plan
        self.effects = effects
        self.state = StateFolder(path: plan.stateDir)
        self.progress = progress
    }

    /// A safe point between two atomic operations: stops the step here when SIGINT or SIGTERM asked for it.
    public func checkpoint() throws {
        if let signal = effects.interruption.requested { throw Interrupted(signal: signal) }
    }

    /// Run one of the plan's commands in the plan's folder (relative paths in plans are relative to it).
    func run(_ command: ExternalCommand, timeoutSeconds: Double = 300) throws -> ProcessResult {
        try effects.processes.run(command, workingDirectory: plan.folder, environment: nil,
                                  timeoutSeconds: timeoutSeconds)
    }
}
