import CutoverFormats
import CutoverSystem

/// `cutover prestage`, second step: everything the import step would compute, done while the services still run:
/// the kept passwords verified and the new ones hashed on every core, the complete new index and recipient map
/// written into the state folder (mode 0600), with the digests of the index and import list they came from. The
/// import step swaps the prepared index in when both are still byte for byte the same.
public struct PrestageImportStep: CutoverStep {
    public let name = StepName.prestageImport

    public init() {}

    public func work(_ context: StepContext) throws -> ImportAccountsStep.Work {
        var work = try ImportAccountsStep().work(context)
        work.prepared = nil   // prepare afresh from the inputs as they are now, never from an older preparation
        work.note = nil
        return work
    }

    public func preview(_ work: ImportAccountsStep.Work) -> StepPlan {
        StepPlan(step: name, summary: "accounts: " + work.changes.summary,
                 actions: [PlannedAction(.create, ImportRecord.preparedIndex, "the new index, ready to swap in")]
                    + (work.recipientMap == nil ? [] : [PlannedAction(.create, ImportRecord.preparedRecipientMap,
                                                                      "the recipient map, for review")]))
    }

    public func apply(_ work: ImportAccountsStep.Work, _ context: StepContext) throws -> StepPlan {
        let plan = context.plan
        context.progress("prestage: hashing \(work.changes.added.count + work.changes.changed.count) passwords")
        let importer = AccountImport(domain: plan.domain, scheme: plan.accounts.passwordScheme,
                                     hasher: context.effects.hasher)
        let index = try ImportAccountsStep.newIndex(work, importer, domain: plan.domain)
        try context.state.create()
        try AtomicFile.write(index, to: context.state.marker(ImportRecord.preparedIndex), ownership: Staging.private600)
        if let map = work.recipientMap {
            try AtomicFile.write(map.wanted, to: context.state.marker(ImportRecord.preparedRecipientMap),
                                 ownership: Staging.private600)
        }
        try ImportRecord(indexDigest: work.inputs.index, importDigest: work.inputs.importList,
                         preparedDigest: SHA256.hexDigest(Array(index.utf8)), changes: work.changes)
            .write(ImportRecord.prepared, context.state)
        return preview(work)
    }

    /// Holds when the prepared index was made from the index and import list as they are now: nothing to redo.
    public func verify(_ context: StepContext) throws -> Verification {
        guard let record = try ImportRecord.read(ImportRecord.prepared, context.state) else {
            return .pending("no prepared index")
        }
        let inputs = try ImportRecord.inputs(context.plan)
        return record.matches(inputs) ? .holds : .pending(record.mismatch(inputs))
    }

    public func fingerprintInputs(_ context: StepContext) throws -> [String] {
        try ImportAccountsStep().fingerprintInputs(context)
    }
}
