import CutoverFormats
import CutoverSystem

/// The recipient map as it must read after the import: one line per new account, other domains untouched.
struct RecipientMapText {
    let plan: Plan

    /// Current and wanted text; current is nil when the file does not exist yet.
    func compute(accounts: [IndexedAccount]) throws -> (current: String?, wanted: String)? {
        guard let map = plan.accounts.recipientMap else { return nil }
        let current = try FileStatus.ifExists(map.path) == nil ? nil : try FileReading.text(map.path)
        let parsed = try PostfixVirtualMailboxMap.parse(current ?? "", file: map.path)
        let store = plan.mailboxes.store
        // A trailing '/' tells Postfix's virtual(8) to deliver Maildir-style.
        let suffix = store.layout == .maildir ? "/" : ""
        let lines = accounts.map {
            (address: "\($0.userID)@\(plan.domain)",
             path: store.template.relativePath(domain: plan.domain, userID: $0.userID) + suffix)
        }
        return (current, parsed.regenerated(domain: plan.domain, replacement: lines).render())
    }
}
