import CutoverFormats
import CutoverSystem
import Foundation

extension AuditBuilder {
    /// Accounts before (the first snapshot's index) and now (the index), and every account's mailbox, read one
    /// account folder at a time in the snapshot manifest's order, then those the snapshot did not have.
    mutating func auditAccounts() throws -> (section: AuditReport.AccountsSection, renamed: [AuditReport.RenamedMailbox]) {
        let files = AccountFiles(plan: plan)
        let before = try files.baseline(state)
        let now = try files.index().accounts(in: plan.domain)
        let statuses = Self.statuses(before: before, now: now)
        let quotas = Dictionary(now.map { ($0.userID, $0.passwdEntry.flatMap {
            DovecotQuotaRule.storageLimit(inExtraFields: $0.extraFields) }) }, uniquingKeysWith: { first, _ in first })
        let copied = ledger.copied
        let store = plan.mailboxes.store
        var details: [String: AuditReport.AccountState] = [:]
        var renamed: [AuditReport.RenamedMailbox] = []
        var hadFolder = Set<String>()

        func mailbox(_ userID: String, snapshotFolder: String?, entries: [ManifestEntry]) -> AccountMailboxAudit {
            let folder = store.folder(of: userID, domain: plan.domain)
            return AccountMailboxAudit(
                userID: userID, status: statuses[userID] ?? .kept, layout: MailboxLayout(kind: store.layout),
                folder: folder, label: relative(folder), snapshotFolder: snapshotFolder, snapshotEntries: entries,
                quotaBytes: quotas[userID] ?? nil, stragglersCopied: copied[userID] ?? 0)
        }
        func take(_ result: (state: AuditReport.AccountState, findings: [AuditFinding])) {
            details[result.state.userID] = result.state
            findings += result.findings
        }

        if let snapshot, snapshotMetadata?.parts.contains(where: { $0.name == Self.mailPart }) == true {
            let depth = store.template.relativePath(domain: plan.domain, userID: "x").split(separator: "/").count
            // The snapshot's mailboxes are audited on every core, a batch of accounts at a time (memory holds one
            // batch's messages); results are taken in manifest order, so the report is the same however spread.
            var batch: [(userID: String, copy: String, mailbox: AccountMailboxAudit?, entries: [ManifestEntry])] = []
            func finishBatch() throws {
                let results = Parallel.map(batch.map(\.mailbox)) { mailbox in mailbox.map { audit in Result { try audit.run() } } }
                for (job, result) in zip(batch, results) {
                    if let result {
                        take(try result.get())
                        continue
                    }
                    let moved = try renamedMailbox(job.userID, snapshotCopy: job.copy, entries: job.entries)
                    renamed.append(moved)
                    details[job.userID] = AuditReport.AccountState(
                        userID: job.userID, status: .removed, mailbox: moved.to, messagesBefore: moved.messagesBefore,
                        messagesNow: moved.to == nil ? nil : moved.messagesNow, renamedMessages: 0,
                        uidValidityChanged: [], settings: [])
                }
                batch = []
            }
            try ManifestAccountGroups(manifest: snapshot.manifest, part: Self.mailPart, depth: depth).forEach { group in
                guard let userID = store.template.userID(fromRelativePath: group.folder, domain: plan.domain),
                      let status = statuses[userID] else { return }
                hadFolder.insert(userID)
                let copy = snapshot.path + "/" + Self.mailPart + "/" + group.folder
                let audit = status == .removed ? nil : mailbox(userID, snapshotFolder: copy, entries: group.entries)
                batch.append((userID, copy, audit, audit == nil ? group.entries : []))
                if batch.count == Self.accountsPerBatch { try finishBatch() }
            }
            try finishBatch()
        }
        for (userID, status) in statuses.sorted(by: { $0.key < $1.key }) where details[userID] == nil {
            if status == .removed {
                details[userID] = AuditReport.AccountState(userID: userID, status: .removed, renamedMessages: 0,
                                                           uidValidityChanged: [], settings: [])
            } else {
                take(try mailbox(userID, snapshotFolder: nil, entries: []).run())
            }
        }
        for (userID, state) in details where state.status != .removed && state.mailbox == nil {
            guard hadFolder.contains(userID) || (state.status == .added && plan.mailboxes.createForNewAccounts)
            else { continue }
            add(.missingMailbox, userID, "no mailbox at \(relative(store.folder(of: userID, domain: plan.domain)))"
                + (state.status == .added ? ": the first login fails until mail arrives" : ": its mail is not there"))
        }
        try findOrphans(accounts: now.map(\.userID))
        let sorted = details.values.sorted { $0.userID < $1.userID }
        func ids(_ status: AuditReport.AccountState.Status) -> [String] {
            sorted.filter { $0.status == status }.map(\.userID)
        }
        let section = AuditReport.AccountsSection(added: ids(.added), removed: ids(.removed), changed: ids(.changed),
                                                  kept: ids(.kept).count, details: sorted)
        return (section, renamed.sorted { $0.userID < $1.userID })
    }

    static let mailPart = "mailboxes"
    /// Mailboxes audited side by side: enough to keep every core busy, few enough to hold their messages at once.
    static let accountsPerBatch = 64

    /// Added and removed by user id; changed when the password field or the full name differs.
    static func statuses(before: [IndexedAccount], now: [IndexedAccount]) -> [String: AuditReport.AccountState.Status] {
        let old = Dictionary(before.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        var statuses: [String: AuditReport.AccountState.Status] = [:]
        for account in now {
            guard let was = old[account.userID] else {
                statuses[account.userID] = .added
                continue
            }
            let same = was.password == account.password && was.fullName == account.fullName
            statuses[account.userID] = same ? .kept : .changed
        }
        for userID in old.keys where statuses[userID] == nil { statuses[userID] = .removed }
        return statuses
    }


    /// A folder beside the account folders that is no account's and does not carry the removed prefix. Only for
    /// templates whose last part is the user id alone ("%d/%n"): otherwise account folders have no common parent.
    private mutating func findOrphans(accounts: [String]) throws {
        let marker = "\u{1}"
        let probe = plan.mailboxes.store.folder(of: marker, domain: plan.domain)
        guard probe.hasSuffix("/" + marker), !probe.dropLast().contains(marker) else { return }
        let parent = String(probe.dropLast(marker.count + 1))
        guard try FileStatus.ifExists(parent)?.kind == .directory else { return }
        let names = Set(accounts.map { (plan.mailboxes.store.folder(of: $0, domain: plan.domain) as NSString).lastPathComponent })
        let prefix = plan.mailboxes.removedPrefix
        for name in try Directories.entries(parent).sorted()
        where !name.hasPrefix(".") && !(prefix.isEmpty ? false : name.hasPrefix(prefix)) && !names.contains(name) {
            guard try FileStatus.of(parent + "/" + name).kind == .directory else { continue }
            add(.orphanMailbox, relative(parent + "/" + name), "a mailbox folder of no account in the index, and not "
                + "renamed with '\(prefix)': mail delivered here reaches nobody")
        }
    }
}
