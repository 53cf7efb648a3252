import CutoverSystem

/// `cutover prestage`, first step: copy (the first time) or update (every time after) the staged copy of what the
/// snapshot step will copy, while the services still run, so the cutover's snapshot only copies what changed since.
public struct PrestageSnapshotStep: CutoverStep {
    public let name = StepName.prestageSnapshot

    public init() {}

    public func work(_ context: StepContext) throws -> StagingUpdate {
        try StagingUpdate.plan(try SnapshotContents.items(of: context.plan), context, live: true)
    }

    public func preview(_ update: StagingUpdate) -> StepPlan {
        StepPlan(step: name, summary: "staged copy: " + StagingUpdate.describe(update),
                 actions: update.parts.map { part in
                     PlannedAction(.copy, part.item.original, part.sync.map(\.counts).map {
                         "\($0.copiedFiles) files (\($0.copiedBytes) bytes) to copy, \($0.movedFiles) renamed, "
                             + "\($0.removedFiles) removed, \($0.keptFiles) kept"
                     } ?? "copied again")
                 })
    }

    public func apply(_ update: StagingUpdate, _ context: StepContext) throws -> StepPlan {
        try update.apply(context, prestage: true)
        return preview(update)
    }

    /// Mail keeps arriving while the services run: a prestage always has something to bring up to date.
    public func verify(_ context: StepContext) throws -> Verification {
        .pending("the staged copy is brought up to date on every prestage")
    }

    public func verifyApplied(_ update: StagingUpdate, _ context: StepContext) throws -> Verification {
        try Staging(state: context.state).stagedParts() == update.parts.map(\.item.part)
            ? .holds : .pending("the staged copy was not completed")
    }
}
