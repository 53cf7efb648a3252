import CutoverFormats
import CutoverSystem

/// Where a straggler goes in the account's new folder. A Maildir or msgdir message into the same layout keeps
/// its path (Maildir flags travel in the name); a msgdir or mbox message into a Maildir becomes a Maildir file
/// named from its digest, in `new/` or with its flags in `cur/`. Computed during the scan: reads only.
struct StragglerPlacement {
    struct Unplaceable: Error {
        var reason: String
    }

    let from: MailboxLayoutKind
    let into: MailboxLayoutKind
    /// The account's new folder.
    let folder: String
    /// Destinations this pass already gave out: two old-side names must not aim at one new file.
    private var taken: Set<String> = []

    init(from: MailboxLayoutKind, into: MailboxLayoutKind, folder: String) {
        self.from = from
        self.into = into
        self.folder = folder
    }

    /// The path inside `folder` the copy takes.
    mutating func destination(of message: StoredMessage) throws -> Result<String, Unplaceable> {
        var path: String
        switch (from, into) {
        case (_, .mbox):
            return .failure(Unplaceable(reason: "cannot place a \(from.rawValue) message into a mbox mailbox "
                + "(appending to mbox is not built); move it by hand"))
        case (.maildir, .maildir), (.msgdir, .msgdir):
            path = message.relativePath
            guard try isTaken(path) else { return .success(take(path)) }
            // Same name, other message (numbered msgdir files clash all the time): a name of its own, derived
            // from its digest so every run picks the same one.
            path = Self.distinctName(path, digest: message.identity.digest)
        case (.msgdir, .maildir), (.mbox, .maildir):
            path = Self.maildirFolder(of: message, from: from) + MaildirName.path(
                digest: message.identity.digest, time: Int(message.received), flags: message.flags)
        case (.maildir, .msgdir), (.mbox, .msgdir):
            return .failure(Unplaceable(reason: "cannot place a \(from.rawValue) message into a msgdir mailbox"))
        }
        if try isTaken(path) { return .failure(Unplaceable(reason: "\(folder)/\(path) exists with other content")) }
        return .success(take(path))
    }

    /// Gives out `path`: no later message of this pass gets it.
    private mutating func take(_ path: String) -> String {
        taken.insert(path)
        return path
    }

    private func isTaken(_ path: String) throws -> Bool {
        try taken.contains(path) || FileStatus.ifExists(folder + "/" + path) != nil
    }

    /// The Maildir++ folder for a message from another layout: an mbox file "Sent" becomes ".Sent/", nested
    /// "Archive/2026" ".Archive.2026/"; the inbox (and every msgdir message) goes to the Maildir itself.
    static func maildirFolder(of message: StoredMessage, from layout: MailboxLayoutKind) -> String {
        guard layout == .mbox, !["inbox", "mbox"].contains(message.relativePath.lowercased()) else { return "" }
        return "." + message.relativePath.split(separator: "/").joined(separator: ".") + "/"
    }

    /// `cur/X:2,S` → `cur/X.d1a2b3c4d5e6:2,S`, `12.eml` → `12.d1a2b3c4d5e6.eml`: the Maildir flags and the msgdir
    /// extension (which marks a file as a message) stay where the mail server looks for them.
    static func distinctName(_ relativePath: String, digest: String) -> String {
        let tag = ".d" + digest.prefix(12)
        var parts = relativePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var name = parts.removeLast()
        var info = ""
        if let colon = name.firstIndex(of: ":") {
            info = String(name[colon...])
            name = String(name[..<colon])
        }
        if MailboxLayout.isMessageFileName(name) {
            name = String(name.dropLast(4)) + tag + String(name.suffix(4))
        } else {
            name += tag
        }
        return (parts + [name + info]).joined(separator: "/")
    }
}
