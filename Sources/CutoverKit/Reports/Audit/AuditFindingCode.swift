/// Every finding code, and the severity it always has. An `error` is something that loses or doubles mail, or
/// leaves users unable to reach it, and makes `cutover audit` exit 4; a `warning` needs a human look; `info` is
/// context.
public enum AuditFindingCode: String, Sendable, Codable, CaseIterable {
    /// UIDVALIDITY of a kept account's folder changed, or a message still there has another Maildir unique name:
    /// every "leave mail on server" POP3 client downloads the mailbox again (field note 11).
    case identityChanged = "identity-changed"
    /// An account's mailbox folder is not there (a kept account's, a new account's the plan creates, or the
    /// renamed folder of a removed account).
    case missingMailbox = "missing-mailbox"
    /// A folder among the account folders that belongs to no account and carries no removed prefix.
    case orphanMailbox = "orphan-mailbox"
    /// A kept account holds fewer messages than at the snapshot, not counting stragglers copied in since. Mail
    /// its user deleted after the cutover looks the same, so this asks for a look rather than declaring a loss.
    case messageCountMismatch = "message-count-mismatch"
    /// A removed account's renamed mailbox no longer holds exactly what the snapshot held.
    case renamedMailboxChanged = "renamed-mailbox-changed"
    /// A folder's next IMAP UID is within 1% of 4294967295: clients stop seeing new mail (field note 20).
    case uidNearLimit = "uid-near-limit"
    /// Files that were one inode in the snapshot (`.forward` and `.qmail`) no longer are (field note 14).
    case hardlinkBroken = "hardlink-broken"
    /// A forwarding line longer than 120 characters, which some servers silently drop (field note 9).
    case forwardTooLong = "forward-too-long"
    /// A per-account settings file in the snapshot is gone now (field note 7).
    case settingsNotCarried = "settings-not-carried"
    /// The mailbox holds more bytes than the account's `quota_rule` storage limit: mail to it bounces.
    case overQuota = "over-quota"
    /// A transport route for the domain still delivers on this host (`local:`, `virtual:`, `lmtp:`).
    case routeStillLocal = "route-still-local"
    /// A route the plan sets does not have the nexthop the plan gives it.
    case routeNotRewired = "route-not-rewired"
    /// `postmap -q` answers something other than the transport file says: the reload did not run.
    case routeLookupDiffers = "route-lookup-differs"
    /// The old server's queue still holds mail for the domain.
    case queueNotEmpty = "queue-not-empty"
    /// The queue listing command failed or printed something unreadable.
    case queueUnreadable = "queue-unreadable"
    /// A message on the old side has not reached its new mailbox (not yet swept, or cannot be moved).
    case stragglerUnmoved = "straggler-unmoved"
    /// Mail on the old side for an account the import removed: it stays there by design (no new mailbox to go
    /// to), and someone should decide what to do with it.
    case removedAccountMail = "removed-account-mail"
    /// A service check does not read its expected greeting.
    case serviceDown = "service-down"
    /// A file the audit needs could not be read or parsed.
    case unreadableFile = "unreadable-file"
    /// No complete snapshot: nothing to compare the mailboxes with.
    case noSnapshot = "no-snapshot"

    public var severity: AuditFinding.Severity {
        switch self {
        case .identityChanged, .missingMailbox, .routeStillLocal, .routeNotRewired, .serviceDown, .stragglerUnmoved:
            return .error
        case .orphanMailbox, .messageCountMismatch, .renamedMailboxChanged, .uidNearLimit, .hardlinkBroken,
             .forwardTooLong, .settingsNotCarried, .overQuota, .routeLookupDiffers, .queueNotEmpty, .queueUnreadable,
             .unreadableFile, .removedAccountMail:
            return .warning
        case .noSnapshot:
            return .info
        }
    }
}
