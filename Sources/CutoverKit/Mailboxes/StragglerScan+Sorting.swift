import CutoverSystem

extension StragglerScan {
    /// What sorting out one account found.
    enum SortedAccount: Sendable {
        /// Its old folder stands still since a pass found every message in it handled (that many).
        case unchanged(messages: Int)
        /// Its folders' stamps, taken before anything is listed; where its old folder really is; whether that is
        /// its new mailbox too, and where the new mailbox really is when not.
        case listed(stamps: [HandledFolders.Stamp], from: AccountFolder, inPlace: Bool, into: AccountFolder?)
    }

    /// Sorts out each account on every core, reading only: on a big store most accounts stand still, and this is
    /// all a sweep does for them. Whether a folder stands still is checked before any link is resolved (a folder
    /// that a link now leads elsewhere has another inode).
    func sortOut(_ incoming: [IndexedAccount], handledFolders: HandledFolders, roots: AccountFolder.Resolver,
                 filesOfTheirOwn: Bool) -> [Result<SortedAccount, any Error>] {
        let plan = plan
        let store = plan.mailboxes.store
        let source = plan.stragglers.source ?? store
        return Parallel.map(incoming) { account in
            Result {
                let fromPath = source.folder(of: account.userID, domain: plan.domain)
                if filesOfTheirOwn, let messages = try handledFolders.unchanged(fromPath) {
                    return .unchanged(messages: messages)
                }
                let stamps = filesOfTheirOwn ? try HandledFolders.stamps(fromPath, layout: source.layout) : []
                let from = try roots.resolve(fromPath)
                guard case .folder(let real) = from else {
                    return .listed(stamps: stamps, from: from, inPlace: false, into: nil)
                }
                let intoPath = store.folder(of: account.userID, domain: plan.domain)
                let inPlace = try plan.stragglers.source == nil || roots.same(intoPath, asResolved: real)
                return .listed(stamps: stamps, from: from, inPlace: inPlace, into: inPlace ? nil : try roots.resolve(intoPath))
            }
        }
    }
}
