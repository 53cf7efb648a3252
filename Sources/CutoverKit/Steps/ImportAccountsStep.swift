import CutoverFormats
import CutoverSystem
import Foundation

/// Step 3: replace the accounts of the plan's domain in the index by the import list (added, removed, changed),
/// hash plaintext passwords, keep every field the import does not carry, then regenerate the recipient map.
public struct ImportAccountsStep: CutoverStep {
    public let name = StepName.importAccounts

    public init() {}

    /// The bulk replace, read from the index and the import list as they are now.
    public struct Work: Sendable {
        var indexPath: String
        var document: AccountDocument
        var current: [IndexedAccount]
        var incoming: [IndexedAccount]
        var changes: AccountChanges
        /// The recipient map's text now and as it must read; nil without a recipient map in the plan.
        var recipientMap: (current: String?, wanted: String)?
        var recipientMapPlan: RecipientMapPlan?
        /// A reload of the recipient map owed by an interrupted earlier run.
        var recipientMapReloadOwed: Bool
        /// The removals against `accounts.maxRemoved` (loading the plan already refused an import over it).
        var removalLimit: RemovalLimit
    }

    public func work(_ context: StepContext) throws -> Work {
        let files = AccountFiles(plan: context.plan)
        let document = try files.index()
        let current = document.accounts(in: context.plan.domain)
        let incoming = try files.incoming()
        let map = context.plan.accounts.recipientMap
        return Work(indexPath: context.plan.accounts.index.path, document: document, current: current, incoming: incoming,
                    changes: importer(context).changes(from: current, to: incoming),
                    recipientMap: try RecipientMapText(plan: context.plan).compute(accounts: incoming),
                    recipientMapPlan: map,
                    recipientMapReloadOwed: try map.map { try recipientMapFile(context, $0).isReloadPending() } ?? false,
                    removalLimit: RemovalLimit(current: current, incoming: incoming,
                                               threshold: context.plan.accounts.maxRemoved))
    }

    public func preview(_ work: Work) -> StepPlan {
        let changes = work.changes
        var actions = changes.added.map { PlannedAction(.add, $0) }
            + changes.removed.map { PlannedAction(.remove, $0) }
            + changes.changed.map { PlannedAction(.change, $0.userID, Self.describe($0)) }
            + changes.kept.map { PlannedAction(.keep, $0) }
        if let map = work.recipientMapPlan, let text = work.recipientMap, text.current != text.wanted {
            actions.append(PlannedAction(.change, map.path, "recipient map regenerated for the domain's accounts"
                + (map.reload.map { ", then `\($0)`" } ?? "")))
        } else if let map = work.recipientMapPlan, let reload = map.reload, work.recipientMapReloadOwed {
            actions.append(PlannedAction(.run, "\(reload)", "owed since \(map.path) was written"))
        }
        if !changes.removed.isEmpty { actions.append(PlannedAction(.note, "accounts.maxRemoved", "\(work.removalLimit)")) }
        return StepPlan(step: name, summary: "accounts: " + changes.summary, actions: actions)
    }

    public func apply(_ work: Work, _ context: StepContext) throws -> StepPlan {
        let plan = context.plan
        if !work.changes.isEmpty {
            let importer = importer(context)
            let existing = Dictionary(work.current.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
            let stored = try work.incoming.map { account in
                var account = account
                account.password = try importer.storedPassword(for: account, existing: existing[account.userID])
                return account
            }
            let text = work.document.replacingAccounts(of: plan.domain, with: stored).render()
            try AccountFiles(plan: plan).recordBeforeImport(context.state)
            context.progress("import: writing \(plan.accounts.index.path) (\(work.changes.summary))")
            try AtomicFile.write(text, to: plan.accounts.index.path)
        }
        if let map = work.recipientMapPlan, let text = work.recipientMap {
            let file = recipientMapFile(context, map)
            if text.current != text.wanted {
                try file.write(text.wanted, current: text.current)
            } else {
                try file.finishPendingReload()
            }
        }
        return preview(work)
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let work = try work(context)
        if !work.changes.isEmpty { return .pending("the index differs from the import list: \(work.changes.summary)") }
        if let map = work.recipientMapPlan {
            if work.recipientMapReloadOwed { return .pending("`\(map.reload!)` has not run") }
            if let text = work.recipientMap, text.current != text.wanted {
                return .pending("the recipient map \(map.path) does not list the new accounts")
            }
        }
        return .holds
    }

    public func scratchFolders(_ work: Work) -> [String] {
        ([work.indexPath] + (work.recipientMapPlan.map { [$0.path] } ?? [])).map { ($0 as NSString).deletingLastPathComponent }
    }

    /// A password edited after the review changes no action line (the account is "changed" either way), so the
    /// import list itself feeds the fingerprint.
    public func fingerprintInputs(_ context: StepContext) throws -> [String] {
        [try FileReading.digest(context.plan.accounts.importList.path).digest]
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
