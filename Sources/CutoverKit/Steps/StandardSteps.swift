/// The seven steps of a cutover, in order.
public enum StandardSteps {
    public static let all: [any CutoverStep] = [
        StopServicesStep(), SnapshotStep(), ImportAccountsStep(), RenameRemovedStep(), RewireRoutesStep(),
        VerifyStragglersStep(), StartServicesStep(),
    ]

    /// The steps the plan's `steps` names, in the one order the runner accepts.
    public static func of(_ plan: Plan) -> [any CutoverStep] {
        all.filter { plan.steps.contains($0.name) }
    }

    /// `cutover sweep`: the straggler step alone, flushing the old queue on every pass.
    public static let sweep: [any CutoverStep] = [VerifyStragglersStep(sweeping: true)]
}

/// The steps of `cutover prestage`: the staged copy, then the prepared import.
public enum PrestageSteps {
    public static func of(_ plan: Plan) -> [any CutoverStep] {
        (plan.steps.contains(.snapshot) ? [PrestageSnapshotStep()] : [])
            + (plan.steps.contains(.importAccounts) ? [PrestageImportStep()] : [])
    }
}
