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
}
