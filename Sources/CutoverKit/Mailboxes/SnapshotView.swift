import CutoverFormats
import CutoverSystem

/// Was a file in this account's folder at snapshot time? The manifest digests whole files, which answers for
/// Maildir and msgdir; an mbox file holds many messages, so for those the snapshot's copy of the file is read and
/// every message of the current file must be in it.
struct SnapshotView {
    let known: KnownMessages
    /// The snapshot part's folder, and the account's folder inside it.
    let root: String
    let folder: String

    func held(_ relativePath: String, path: String, layout: MailboxLayoutKind) throws -> Bool {
        guard layout == .mbox else { return known.contains(try FileReading.digest(path).digest, inFolder: folder) }
        let copy = root + "/" + folder + "/" + relativePath
        guard try FileStatus.ifExists(copy) != nil else { return false }
        let before = Set(Self.digests(try FileReading.bytes(copy)))
        return Self.digests(try MessageFile.read(path).bytes).allSatisfy(before.contains)
    }

    private static func digests(_ mbox: [UInt8]) -> [String] {
        Mbox.messageRanges(in: mbox).map { MessageIdentity.of(mbox[$0], fromMbox: true).digest }
    }
}
