import CutoverFormats
import CutoverSystem

/// Step 3: replace the accounts of the plan's domain in the index by the import list (added, removed, changed),
/// hash plaintext passwords, keep every field the import does not carry, then regenerate the recipient map.
public struct ImportAccountsStep: CutoverStep {
    public let name = StepName.importAccounts

    public init() {}

    public func preview(_ context: StepContext) throws -> StepPlan {
        let files = AccountFiles(plan: context.plan)
        let changes = importer(context).changes(from: try files.index().accounts(in: context.plan.domain),
                                                to: try files.incoming())
        var actions = changes.added.map { PlannedAction(.add, $0) }
            + changes.removed.map { PlannedAction(.remove, $0) }
            + changes.changed.map { PlannedAction(.change, $0.userID, Self.describe($0)) }
            + changes.kept.map { PlannedAction(.keep, $0) }
        if let map = context.plan.accounts.recipientMap,
           let text = try RecipientMapText(plan: context.plan).compute(accounts: try files.incoming()),
           text.current != text.wanted {
            actions.append(PlannedAction(.change, map.path, "recipient map regenerated for \(context.plan.domain)"
                + (map.reload.map { ", then `\($0)`" } ?? "")))
        }
        return StepPlan(step: name, summary: "accounts: " + changes.summary, actions: actions)
    }

    public func apply(_ context: StepContext) throws -> StepPlan {
        let plan = context.plan
        let files = AccountFiles(plan: plan)
        let document = try files.index()
        let current = document.accounts(in: plan.domain)
        let incoming = try files.incoming()
        let importer = importer(context)
        let changes = importer.changes(from: current, to: incoming)
        if !changes.isEmpty {
            let existing = Dictionary(current.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
            let stored = try incoming.map { account in
                var account = account
                account.password = try importer.storedPassword(for: account, existing: existing[account.userID])
                return account
            }
            let text = document.replacingAccounts(of: plan.domain, with: stored).render()
            try files.recordBeforeImport(context.state)
            context.progress("import: writing \(plan.accounts.index.path) (\(changes.summary))")
            try AtomicFile.write(text, to: plan.accounts.index.path)
        }
        try writeRecipientMap(context, accounts: incoming)
        let actions = changes.added.map { PlannedAction(.add, $0) } + changes.removed.map { PlannedAction(.remove, $0) }
            + changes.changed.map { PlannedAction(.change, $0.userID, Self.describe($0)) }
        return StepPlan(step: name, summary: "accounts: " + changes.summary, actions: actions)
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let files = AccountFiles(plan: context.plan)
        let incoming = try files.incoming()
        let changes = importer(context).changes(from: try files.index().accounts(in: context.plan.domain), to: incoming)
        if !changes.isEmpty { return .pending("the index differs from the import list: \(changes.summary)") }
        if let map = context.plan.accounts.recipientMap {
            if try recipientMapFile(context, map).isReloadPending() { return .pending("`\(map.reload!)` has not run") }
            if let text = try RecipientMapText(plan: context.plan).compute(accounts: incoming), text.current != text.wanted {
                return .pending("the recipient map \(map.path) does not list the new accounts")
            }
        }
        return .holds
    }

    private func writeRecipientMap(_ context: StepContext, accounts: [IndexedAccount]) throws {
        guard let map = context.plan.accounts.recipientMap,
              let text = try RecipientMapText(plan: context.plan).compute(accounts: accounts) else { return }
        let file = recipientMapFile(context, map)
        if text.current != text.wanted {
            try file.write(text.wanted, current: text.current)
        } else {
            try file.finishPendingReload()
        }
    }

    private func recipientMapFile(_ context: StepContext, _ map: RecipientMapPlan) -> ReloadedFile {
        ReloadedFile(context: context, path: map.path, reload: map.reload, markerName: "recipient-map")
    }

    private func importer(_ context: StepContext) -> AccountImport {
        AccountImport(domain: context.plan.domain, scheme: context.plan.accounts.passwordScheme,
                      hasher: context.effects.hasher)
    }

    static func describe(_ change: AccountChanges.Change) -> String {
        [change.passwordChanged ? "password" : nil, change.fullNameChanged ? "full name" : nil]
            .compactMap { $0 }.joined(separator: " and ") + " changed"
    }
}
