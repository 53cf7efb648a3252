import CutoverFormats
import CutoverSystem
import Foundation

/// One account's mailbox now, against the snapshot's copy of it: counts, bytes, message identity, UID counters,
/// settings files, hard links, forwarding lines and quota. Holds one account's messages at a time.
struct AccountMailboxAudit {
    var userID: String
    var status: AuditReport.AccountState.Status
    var layout: MailboxLayout
    /// The account folder now, and as the report names it.
    var folder: String
    var label: String
    /// The snapshot's copy of the account folder and its manifest lines; nil when the snapshot had no such folder.
    var snapshotFolder: String?
    var snapshotEntries: [ManifestEntry]
    var quotaBytes: Int64?
    /// Messages the straggler step copied into this mailbox (the ledger): they explain a higher count now.
    var stragglersCopied: Int

    static let uidLimit: UInt64 = 4_294_967_295
    /// Within 1% of the limit.
    static let uidWarningFrom: UInt64 = uidLimit - uidLimit / 100
    static let forwardLineLimit = 120

    func run() throws -> (state: AuditReport.AccountState, findings: [AuditFinding]) {
        var findings: [AuditFinding] = []
        var state = AuditReport.AccountState(userID: userID, status: status, mailbox: nil, quotaBytes: quotaBytes,
                                             renamedMessages: 0, uidValidityChanged: [], settings: [])
        // The manifest already lists the snapshot's files with their sizes; only mbox files must be read to count.
        let before = try snapshotFolder.map { folder in
            layout.kind == .mbox ? try layout.auditedMessages(in: folder) : layout.auditedMessages(of: snapshotEntries)
        }
        if let before {
            state.messagesBefore = before.count
            state.bytesBefore = before.reduce(0) { $0 + $1.size }
        }
        let live = AccountFolder.resolved(folder)
        guard try FileStatus.ifExists(live)?.kind == .directory else {
            return (state, findings)
        }
        state.mailbox = label
        let now = try layout.auditedMessages(in: folder)
        state.messagesNow = now.count
        state.bytesNow = now.reduce(0) { $0 + $1.size }
        let keepsMailbox = status == .kept || status == .changed
        if keepsMailbox, let before, let snapshotFolder {
            if layout.kind == .maildir {
                state.renamedMessages = try renamedMessages(before: before, now: now)
            }
            state.uidValidityChanged = try uidValidityChanges(snapshotFolder, &findings)
            if state.renamedMessages > 0 {
                findings.append(AuditFinding(.identityChanged, userID, "\(state.renamedMessages) messages have another "
                    + "Maildir unique name than at the snapshot: POP3 clients will download them again"))
            }
            if !state.uidValidityChanged.isEmpty {
                let folders = state.uidValidityChanged.map { $0.isEmpty ? "INBOX" : $0 }.joined(separator: ", ")
                findings.append(AuditFinding(.identityChanged, userID, "UIDVALIDITY changed in \(folders): IMAP and "
                    + "POP3 clients will download every message of it again"))
            }
            let explained = now.count - stragglersCopied
            if explained < before.count {
                findings.append(AuditFinding(.messageCountMismatch, userID, "\(before.count) messages at the "
                    + "snapshot, \(explained) now (not counting \(stragglersCopied) stragglers copied in): "
                    + "\(before.count - explained) gone, deleted by the user or lost"))
            }
            state.settings = try settings(before: before)
            for file in state.settings where !file.carried {
                findings.append(AuditFinding(.settingsNotCarried, "\(label)/\(file.name)",
                                             "\(userID)'s settings file \(file.name) was in the snapshot and is gone"))
            }
            findings += try brokenHardLinks(before: before)
        }
        if let quotaBytes, let bytes = state.bytesNow, bytes > quotaBytes {
            findings.append(AuditFinding(.overQuota, userID, "\(bytes) bytes of mail over a quota of \(quotaBytes) "
                + "bytes: new mail to it bounces"))
        }
        findings += try uidCounters()
        findings += try longForwardLines()
        return (state, findings)
    }

    /// Messages in both the snapshot and now (same content digest) whose unique name changed. Only files whose
    /// unique name the snapshot did not have are read: a name it had is the same message under the same identity.
    private func renamedMessages(before: [AuditedMessage], now: [AuditedMessage]) throws -> Int {
        let digests = Dictionary(snapshotEntries.map { ($0.path, $0.digest) }, uniquingKeysWith: { first, _ in first })
        var uniqueBefore = Set<String>()
        var digestsBefore = Set<String>()
        for message in before {
            uniqueBefore.insert(MaildirFileName.uniquePart(of: PathParts.lastComponent(message.relativePath)))
            if let digest = digests[message.relativePath] { digestsBefore.insert(digest) }
        }
        var renamed = 0
        for message in now {
            let unique = MaildirFileName.uniquePart(of: PathParts.lastComponent(message.relativePath))
            guard !uniqueBefore.contains(unique) else { continue }
            if digestsBefore.contains(try FileReading.digest(folder + "/" + message.relativePath).digest) {
                renamed += 1
            }
        }
        return renamed
    }

    /// Folders ("" for the account folder, ".Sent", ...) whose `dovecot-uidlist` had another UIDVALIDITY at the
    /// snapshot, or is gone (Dovecot then makes a new one).
    private func uidValidityChanges(_ snapshotFolder: String, _ findings: inout [AuditFinding]) throws -> [String] {
        var changed: [String] = []
        for entry in snapshotEntries where PathParts.lastComponent(entry.path) == "dovecot-uidlist" {
            let mailbox = (entry.path as NSString).deletingLastPathComponent
            guard let was = parseUIDList(snapshotFolder + "/" + entry.path, &findings) else { continue }
            let livePath = folder + "/" + entry.path
            guard try FileStatus.ifExists(livePath) != nil else {
                changed.append(mailbox)
                continue
            }
            guard let now = parseUIDList(livePath, &findings) else { continue }
            if now.uidValidity != was.uidValidity { changed.append(mailbox) }
        }
        return changed
    }

    private func parseUIDList(_ path: String, _ findings: inout [AuditFinding]) -> DovecotUIDList? {
        do {
            return try DovecotUIDList.parse(try FileReading.text(path), file: path)
        } catch {
            findings.append(AuditFinding(.unreadableFile, label, "\(error)"))
            return nil
        }
    }

    /// Non-message files of the snapshot's account folder, except what the mail server writes for itself (index,
    /// cache and UID files, `tmp/`), and whether each is still there.
    private func settings(before: [AuditedMessage]) throws -> [AuditReport.SettingsFile] {
        let messages = Set(before.map(\.relativePath))
        return try snapshotEntries.filter { !messages.contains($0.path) && !Self.isServerFile($0.path) }.map { entry in
            AuditReport.SettingsFile(name: entry.path, carried: try FileStatus.ifExists(folder + "/" + entry.path) != nil)
        }
    }

    static func isServerFile(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        let name = components.last.map(String.init) ?? path
        return components.contains("tmp") || name.hasPrefix("dovecot") || name == "maildirsize"
            || name == "maildirfolder" || name == "subscriptions" || name == "uid"
    }

    /// Non-message files that were one inode at the snapshot (`.forward` and `.qmail`) and are not now.
    private func brokenHardLinks(before: [AuditedMessage]) throws -> [AuditFinding] {
        let messages = Set(before.map(\.relativePath))
        var found: [AuditFinding] = []
        for entry in snapshotEntries where !messages.contains(entry.path) {
            guard let first = entry.link, !messages.contains(first) else { continue }
            let one = try FileStatus.ifExists(folder + "/" + first)
            let other = try FileStatus.ifExists(folder + "/" + entry.path)
            if let one, let other, one.device == other.device, one.inode == other.inode { continue }
            found.append(AuditFinding(.hardlinkBroken, "\(label)/\(entry.path)", "\(entry.path) and \(first) were one "
                + "file at the snapshot and are not now: a change to one no longer reaches the other"))
        }
        return found
    }

    /// `dovecot-uidlist` next UIDs, and a `uid` counter file, within 1% of 4294967295.
    private func uidCounters() throws -> [AuditFinding] {
        var found: [AuditFinding] = []
        let subfolders = try Directories.entries(folder).filter {
            $0.hasPrefix(".") && (try? FileStatus.of(folder + "/" + $0).kind) == .directory
        }
        for mailbox in [""] + subfolders {
            let path = folder + (mailbox.isEmpty ? "" : "/" + mailbox) + "/dovecot-uidlist"
            guard try FileStatus.ifExists(path) != nil,
                  let list = try? DovecotUIDList.parse(try FileReading.text(path), file: path),
                  UInt64(list.nextUID) >= Self.uidWarningFrom else { continue }
            found.append(nearLimit(mailbox.isEmpty ? "INBOX" : mailbox, UInt64(list.nextUID)))
        }
        let counter = folder + "/uid"
        if try FileStatus.ifExists(counter)?.kind == .regular,
           let next = UInt64(try FileReading.text(counter).trimmingCharacters(in: .whitespacesAndNewlines)),
           next >= Self.uidWarningFrom {
            found.append(nearLimit("uid", next))
        }
        return found
    }

    private func nearLimit(_ mailbox: String, _ next: UInt64) -> AuditFinding {
        AuditFinding(.uidNearLimit, "\(label) \(mailbox)", "next UID \(next) is within 1% of 4294967295: clients "
            + "stop seeing new mail; rename the folder so its UIDs start again at 1")
    }

    /// Forwarding lines over 120 characters in `.forward`, `.qmail` and `.qmail-*`.
    private func longForwardLines() throws -> [AuditFinding] {
        var found: [AuditFinding] = []
        for name in try Directories.entries(folder).sorted()
        where name == ".forward" || name == ".qmail" || name.hasPrefix(".qmail-") {
            guard try FileStatus.of(folder + "/" + name).kind == .regular,
                  let text = try? FileReading.text(folder + "/" + name) else { continue }
            for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            where line.count > Self.forwardLineLimit {
                found.append(AuditFinding(.forwardTooLong, "\(label)/\(name)", "line \(number + 1) is \(line.count) "
                    + "characters long (over \(Self.forwardLineLimit)): some servers drop such a forward silently"))
            }
        }
        return found
    }
}
