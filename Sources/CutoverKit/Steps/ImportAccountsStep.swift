import CutoverFormats
import CutoverSystem
import Foundation

/// Step 3: replace the accounts of the plan's domain in the index by the import list (added, removed, changed),
/// hash plaintext passwords, keep every field the import does not carry, then regenerate the recipient map.
/// After `cutover prestage`, when the index and the import list are byte for byte what it read, its prepared index
/// is swapped in instead: nothing is hashed or verified while the mail is down.
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
        /// Digests of the index and import list this work was computed from.
        var inputs: (index: String, importList: String)
        /// The prestage's record, when its prepared index fits these inputs.
        var prepared: ImportRecord?
        /// Why a prepared index is not used.
        var note: String?
    }

    public func work(_ context: StepContext) throws -> Work {
        let inputs = try ImportRecord.inputs(context.plan)
        let record = try ImportRecord.read(ImportRecord.prepared, context.state)
        let prepared = record.flatMap { $0.matches(inputs) && $0.changes != nil ? $0 : nil }
        return try work(context, inputs: inputs, changes: prepared?.changes, prepared: prepared,
                        note: prepared == nil ? record?.mismatch(inputs) : nil)
    }

    /// The work, with the account changes already known (from a prestage, or none by the applied record) or
    /// computed now (verifying every kept password).
    private func work(_ context: StepContext, inputs: (index: String, importList: String), changes: AccountChanges?,
                      prepared: ImportRecord?, note: String?) throws -> Work {
        let files = AccountFiles(plan: context.plan)
        let document = try files.index()
        let current = document.accounts(in: context.plan.domain)
        let incoming = try files.incoming()
        let map = context.plan.accounts.recipientMap
        return Work(indexPath: context.plan.accounts.index.path, document: document, current: current,
                    incoming: incoming, changes: changes ?? importer(context).changes(from: current, to: incoming),
                    recipientMap: try RecipientMapText(plan: context.plan).compute(accounts: incoming),
                    recipientMapPlan: map,
                    recipientMapReloadOwed: try map.map { try recipientMapFile(context, $0).isReloadPending() } ?? false,
                    removalLimit: RemovalLimit(current: current, incoming: incoming,
                                               threshold: context.plan.accounts.maxRemoved),
                    inputs: inputs, prepared: prepared, note: note)
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
        if work.prepared != nil && !changes.isEmpty {
            actions.append(PlannedAction(.note, "prepared index", "swapped in as `cutover prestage` prepared it"))
        } else if let note = work.note, !changes.isEmpty {
            actions.append(PlannedAction(.note, "prepared index", note))
        }
        return StepPlan(step: name, summary: "accounts: " + changes.summary, actions: actions)
    }

    public func apply(_ work: Work, _ context: StepContext) throws -> StepPlan {
        let plan = context.plan
        if !work.changes.isEmpty {
            let bytes = try work.prepared.map { try preparedIndex($0, context) }
                ?? Array(try Self.newIndex(work, importer(context), domain: plan.domain).utf8)
            try AccountFiles(plan: plan).recordBeforeImport(context.state)
            context.progress("import: writing \(plan.accounts.index.path) (\(work.changes.summary))")
            try AtomicFile.write(bytes, to: plan.accounts.index.path)
        }
        if let map = work.recipientMapPlan, let text = work.recipientMap {
            let file = recipientMapFile(context, map)
            if text.current != text.wanted {
                try file.write(text.wanted, current: text.current)
            } else {
                try file.finishPendingReload()
            }
        }
        let written = (try FileReading.digest(plan.accounts.index.path).digest, work.inputs.importList)
        try ImportRecord(indexDigest: written.0, importDigest: written.1).write(ImportRecord.applied, context.state)
        return preview(work)
    }

    /// The index text the import writes: the domain's accounts replaced, passwords hashed on every core.
    static func newIndex(_ work: Work, _ importer: AccountImport, domain: String) throws -> String {
        let passwords = try importer.storedPasswords(for: work.incoming, existing: work.current)
        let stored = zip(work.incoming, passwords).map { account, password in
            var account = account
            account.password = password
            return account
        }
        return work.document.replacingAccounts(of: domain, with: stored).render()
    }

    /// The prestage's index, checked to be the very bytes it recorded.
    private func preparedIndex(_ record: ImportRecord, _ context: StepContext) throws -> [UInt8] {
        let path = context.state.marker(ImportRecord.preparedIndex)
        let bytes = try FileReading.bytes(path)
        guard SHA256.hexDigest(bytes) == record.preparedDigest else {
            throw StepFailure("\(path) is not what `cutover prestage` wrote; run `cutover prestage` again", step: name)
        }
        return bytes
    }

    /// When the index and the import list are what the last import wrote and used, the accounts hold without
    /// verifying a single password; only the recipient map is looked at.
    public func verify(_ context: StepContext) throws -> Verification {
        let inputs = try ImportRecord.inputs(context.plan)
        let applied = try ImportRecord.read(ImportRecord.applied, context.state)
        let work = try applied?.matches(inputs) == true
            ? work(context, inputs: inputs, changes: AccountChanges(), prepared: nil, note: nil)
            : work(context)
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
