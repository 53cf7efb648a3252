import CutoverFormats

/// What one straggler pass will do, computed once from the world (see `StragglerScan`): preview renders it,
/// apply executes exactly it, and the next verify asks only about it.
struct StragglerWork: Sendable {
    /// One old-side message and where it goes.
    struct Item: Sendable {
        var account: String
        var sourceFolder: String
        var sourceLayout: MailboxLayoutKind
        var message: StoredMessage
        /// The account's new folder, and the path the copy takes inside it (copies only).
        var destinationFolder: String
        var destination: String = ""

        var source: String { sourceFolder + "/" + message.relativePath }
        var target: String { destinationFolder + "/" + destination }
        /// Which message this is to the checks after a pass: account and identity.
        var key: String { account + "/" + message.identity.digest }
    }

    struct Unmovable: Sendable, Codable, Equatable {
        var account: String?
        var path: String
        var reason: String
    }

    var move: Bool
    /// Stragglers: copied into the new mailbox (then, with `move`, removed from the source).
    var toCopy: [Item] = []
    /// Already in the new mailbox but not yet in the ledger: recorded, so deleting them there never brings them back.
    var toRecord: [Item] = []
    /// Already handled, source still there, `move` set: the source copy goes.
    var toRemove: [Item] = []
    /// Messages found already in the new mailbox or in the ledger.
    var duplicates = 0
    /// Same tree on both sides: messages that arrived after the snapshot are already where they belong.
    var arrivedInPlace: [String] = []
    var unmovable: [Unmovable] = []
    /// Old-side mail of accounts the import removed: it stays where it is.
    var removedAccounts: [(account: String, folder: String, messages: Int)] = []
    /// Account folders that are links out of every root the plan names: not read, not written.
    var outsideRoots: [(account: String, path: String, target: String)] = []
    /// The ledger's last line was cut short by a crash (reported; the next record cuts it away).
    var ledgerTornTail = false
    var filesRead = 0
    var cache: DigestCache
    /// The ledger as this scan read it; nil when no folder had to be listed.
    var ledger: StragglerLedger.Records?
    /// Old-side account folders found fully handled, to skip while they stay unchanged.
    var handledFolders: HandledFolders
    /// Old-side account folders with messages owed, each fully handled once this pass has placed and recorded
    /// all of them: as they were stamped before the scan listed them.
    var owedFolders: [OwedFolder] = []

    struct OwedFolder: Sendable {
        var account: String
        var path: String
        var messages: Int
        var stamps: [HandledFolders.Stamp]
    }

    /// Everything this pass must do before the step's end state holds.
    var pendingKeys: Set<String> { Set((toCopy + toRecord + toRemove).map(\.key)) }
}
