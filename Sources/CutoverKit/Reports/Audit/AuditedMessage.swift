import CutoverFormats
import CutoverSystem

/// A message as the audit counts it: where it is in the account folder and how many bytes it takes.
struct AuditedMessage {
    var relativePath: String
    var size: Int64
}

extension MailboxLayout {
    /// Every message of an account folder, for counting; an account folder that is a link is followed. An mbox
    /// file is read once to count the messages it holds.
    func auditedMessages(in accountFolder: String) throws -> [AuditedMessage] {
        let folder = AccountFolder.resolved(accountFolder)
        return try messageFiles(in: folder).flatMap { file -> [AuditedMessage] in
            guard kind == .mbox else { return [AuditedMessage(relativePath: file.relativePath, size: file.status.size)] }
            let bytes = try FileReading.bytes(folder + "/" + file.relativePath)
            return Mbox.messageRanges(in: bytes).map { AuditedMessage(relativePath: file.relativePath, size: Int64($0.count)) }
        }
    }

    /// The message files among a snapshot's manifest lines for one account folder (paths relative to it), as the
    /// listing of that folder would find them: Maildir `cur/` and `new/` files of the account and its Maildir++
    /// folders, msgdir's `*.msg` and `*.eml`; names starting with '.' are never messages.
    func auditedMessages(of entries: [ManifestEntry]) -> [AuditedMessage] {
        entries.filter { isMessageFile($0.path) }.map { AuditedMessage(relativePath: $0.path, size: $0.size) }
    }

    private func isMessageFile(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard let name = parts.last, !name.hasPrefix(".") else { return false }
        switch kind {
        case .maildir:
            guard parts.count == 2 || (parts.count == 3 && parts[0].hasPrefix(".") && parts[0].count > 1) else {
                return false
            }
            return parts[parts.count - 2] == "cur" || parts[parts.count - 2] == "new"
        case .msgdir:
            return parts.count == 1 && Self.isMessageFileName(String(name))
        case .mbox:
            return false
        }
    }
}
