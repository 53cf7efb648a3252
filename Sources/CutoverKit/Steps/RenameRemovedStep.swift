import Foundation
import CutoverSystem

/// Step 4: rename the mailbox of every removed account to `~name` (`~name.2`, `~name.3`, … when taken); mail is
/// never deleted. With `createForNewAccounts`, also create the mailboxes of added accounts so a first login works.
public struct RenameRemovedStep: CutoverStep {
    public let name = StepName.renameRemoved

    public init() {}

    /// What is still to do, read from the world.
    public struct Work: Sendable {
        /// Removed accounts whose folder is still in place, and the free `~name` each goes to.
        var renames: [(from: String, to: String)]
        /// Added accounts' folders that do not exist yet, each with the owner and mode it gets.
        var creations: [(folder: String, ownership: Ownership)]
    }

    public func preview(_ work: Work) -> StepPlan {
        let actions = work.renames.map { PlannedAction(.rename, $0.from, "→ \($0.to)") }
            + work.creations.map { PlannedAction(.create, $0.folder, "new mailbox") }
        return StepPlan(step: name, summary: "\(work.renames.count) mailboxes to rename, "
            + "\(work.creations.count) to create", actions: actions)
    }

    public func apply(_ work: Work, _ context: StepContext) throws -> StepPlan {
        let layout = MailboxLayout(kind: context.plan.mailboxes.store.layout)
        for rename in work.renames {
            try context.checkpoint()
            context.progress("rename \(rename.from) → \(rename.to)")
            try Directories.rename(rename.from, to: rename.to)
        }
        for (folder, ownership) in work.creations {
            try context.checkpoint()
            let parent = (folder as NSString).deletingLastPathComponent
            try Directories.create(parent, ownership: try AccountFolderOwnership.forNewFolder(in: (parent as NSString).deletingLastPathComponent))
            let name = (folder as NSString).lastPathComponent
            // Built under a dot name and renamed into place, so a crash never leaves a half-made mailbox (owned by
            // root, without cur/new/tmp) that would then pass for a finished one.
            let staging = parent + "/.cutover-new." + name
            if try FileStatus.ifExists(staging) != nil { try FileManager.default.removeItem(atPath: staging) }
            try layout.createMailbox(at: staging, ownership: ownership)
            try Directories.rename(staging, to: folder)
        }
        var done = preview(work)
        done.summary = "\(work.renames.count) mailboxes renamed, \(work.creations.count) created"
        return done
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let work = try work(context)
        if let first = work.renames.first { return .pending("\(first.from) is still in place") }
        if let first = work.creations.first { return .pending("\(first.folder) does not exist") }
        return .holds
    }

    /// Everything still to do, read from the world: removed accounts whose folder is still in place, and added
    /// accounts with no folder yet. "Removed" and "added" compare the import with the pre-cutover index.
    public func work(_ context: StepContext) throws -> Work {
        let plan = context.plan
        let files = AccountFiles(plan: plan)
        let before = try files.baseline(context.state)
        let incoming = try files.incoming()
        let incomingIDs = Set(incoming.map(\.userID))
        let beforeIDs = Set(before.map(\.userID))
        var renames: [(from: String, to: String)] = []
        // A renamed folder must never land where an account of the new list keeps its mail (prefix "old_" and a
        // new account "old_bob"): bob's mail would become that account's.
        var taken = Set(incoming.map { plan.mailboxes.store.folder(of: $0.userID, domain: plan.domain) })
        for account in before where !incomingIDs.contains(account.userID) {
            let folder = plan.mailboxes.store.folder(of: account.userID, domain: plan.domain)
            guard try FileStatus.ifExists(folder) != nil else { continue }
            let target = try freeName(for: folder, prefix: plan.mailboxes.removedPrefix, taken: taken)
            taken.insert(target)
            renames.append((folder, target))
        }
        var creations: [(folder: String, ownership: Ownership)] = []
        if plan.mailboxes.createForNewAccounts {
            // As the index has them now: after the import a new account's entry carries its uid and gid.
            let indexed = Dictionary(try files.index().accounts(in: plan.domain).map { ($0.userID, $0) },
                                     uniquingKeysWith: { first, _ in first })
            for account in incoming where !beforeIDs.contains(account.userID) {
                let folder = plan.mailboxes.store.folder(of: account.userID, domain: plan.domain)
                guard try FileStatus.ifExists(folder) == nil else { continue }
                let ownership = try AccountFolderOwnership.forNewMailbox(of: indexed[account.userID] ?? account,
                                                                         existing: before, plan: plan)
                creations.append((folder, ownership))
            }
        }
        return Work(renames: renames, creations: creations)
    }

    /// `~name`, or `~name.2`, `~name.3`, … : the first that neither exists nor is claimed by an earlier rename.
    private func freeName(for folder: String, prefix: String, taken: Set<String>) throws -> String {
        let parent = (folder as NSString).deletingLastPathComponent
        let base = parent + "/" + prefix + (folder as NSString).lastPathComponent
        var candidate = base
        var suffix = 1
        while try taken.contains(candidate) || FileStatus.ifExists(candidate) != nil {
            suffix += 1
            candidate = base + ".\(suffix)"
        }
        return candidate
    }
}
