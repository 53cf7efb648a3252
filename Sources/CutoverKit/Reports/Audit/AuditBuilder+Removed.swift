import CutoverSystem
import Foundation

extension AuditBuilder {
    /// Finds where a removed account's mailbox went (`~name`, `~name.2`, ...: the one holding the snapshot's files)
    /// and whether it still holds exactly them.
    mutating func renamedMailbox(_ userID: String, snapshotCopy: String,
                                 entries: [ManifestEntry]) throws -> AuditReport.RenamedMailbox {
        let store = plan.mailboxes.store
        let layout = MailboxLayout(kind: store.layout)
        let original = store.folder(of: userID, domain: plan.domain)
        let parent = (original as NSString).deletingLastPathComponent
        let base = plan.mailboxes.removedPrefix + (original as NSString).lastPathComponent
        let before = Dictionary(entries.map { ($0.path, $0.digest) }, uniquingKeysWith: { first, _ in first })
        var result = AuditReport.RenamedMailbox(userID: userID, from: relative(original), to: nil,
                                                messagesBefore: try layout.auditedMessages(in: snapshotCopy).count,
                                                messagesNow: 0, unchanged: false)
        let candidates = try FileStatus.ifExists(parent) == nil ? [] : try Directories.entries(parent).filter { name in
            name == base || (name.hasPrefix(base + ".") && Int(name.dropFirst(base.count + 1)) != nil)
        }
        var bestShared = -1
        for name in candidates.sorted() {
            let folder = parent + "/" + name
            var now: [String: String] = [:]
            try TreeCopier.walk(folder, computeDigests: true) { now[$0.relativePath] = $0.digest }
            let shared = now.filter { before[$0.key] == $0.value }.count
            guard shared > bestShared else { continue }
            bestShared = shared
            result.to = relative(folder)
            result.messagesNow = try layout.auditedMessages(in: folder).count
            result.unchanged = now == before
        }
        if result.to == nil || (bestShared == 0 && !before.isEmpty) {
            result.to = nil
            result.messagesNow = 0
            if try FileStatus.ifExists(original) == nil {
                add(.missingMailbox, userID, "removed account's mailbox is neither at \(relative(original)) nor "
                    + "renamed to \(relative(parent + "/" + base)): its \(result.messagesBefore) messages are gone")
            }
        } else if !result.unchanged {
            add(.renamedMailboxChanged, userID, "\(result.to ?? "") no longer holds exactly the "
                + "\(result.messagesBefore) messages the snapshot had (\(result.messagesNow) now)")
        }
        return result
    }
}
