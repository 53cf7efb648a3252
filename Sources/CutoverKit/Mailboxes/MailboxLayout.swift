import CutoverFormats
import CutoverSystem

/// How a layout keeps messages in an account folder: enough to list them, create a mailbox, and place a copy.
struct MailboxLayout: Sendable {
    let kind: MailboxLayoutKind

    /// A file that holds messages: one (Maildir, msgdir) or many (mbox). Its status is lstat's, for the cache.
    struct MessageFileEntry: Sendable {
        var relativePath: String
        var status: FileStatus
    }

    /// Every file holding messages in the account folder `folder` (already resolved: see `AccountFolder`), sorted
    /// by path. Below the account folder no symbolic link is followed: a link is neither a folder nor a message.
    func messageFiles(in folder: String) throws -> [MessageFileEntry] {
        try listing(in: folder).files
    }

    /// `messageFiles`, and what makes the listing doubtful: paths (inside the account folder) of files listed but
    /// gone before they could be inspected, and of folders that changed while they were listed. Either may mean a
    /// message renamed or moved meanwhile, now under a name the listing missed.
    func listing(in folder: String) throws -> (files: [MessageFileEntry], doubtful: [String]) {
        guard try FileStatus.ifExists(folder)?.kind == .directory else { return ([], []) }
        switch kind {
        case .maildir:
            var found: (files: [MessageFileEntry], doubtful: [String]) = ([], [])
            for mailbox in try [""] + maildirSubfolders(folder) {
                let inside = { (part: String) in mailbox.isEmpty ? part : mailbox + "/" + part }
                // `new/` before `cur/`: a message the server moves from one to the other meanwhile is then seen
                // at least once (listed the other way round, it could be in neither listing).
                let new = try regularFiles(in: folder, relative: inside("new"))
                let cur = try regularFiles(in: folder, relative: inside("cur"))
                found.files += cur.files + new.files
                found.doubtful += cur.doubtful + new.doubtful
            }
            return found
        case .msgdir:
            let listed = try regularFiles(in: folder, relative: "")
            return (listed.files.filter { Self.isMessageFileName($0.relativePath) }, listed.doubtful)
        case .mbox:
            return (try mboxFiles(in: folder), [])
        }
    }

    /// The folders of a Maildir that hold message files: `cur/` and `new/` of the account folder and of each
    /// Maildir++ folder.
    func messageFolders(in folder: String) throws -> [String] {
        try ([""] + maildirSubfolders(folder)).flatMap { mailbox in
            ["cur", "new"].map { folder + "/" + (mailbox.isEmpty ? "" : mailbox + "/") + $0 }
        }
    }

    /// Create an empty mailbox that the mail server will accept.
    func createMailbox(at folder: String, ownership: Ownership) throws {
        try Directories.create(folder, ownership: ownership)
        if kind == .maildir {
            for part in ["cur", "new", "tmp"] { try Directories.create(folder + "/" + part, ownership: ownership) }
        }
    }

    /// msgdir keeps settings files beside messages; only these names are messages.
    static func isMessageFileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".msg") || lower.hasSuffix(".eml")
    }

    /// Every mbox file under `folder` (mail clients nest mbox folders in plain folders), depth-first in name
    /// order. The walk keeps its own stack: a user's folder nested thousands deep fails by path, not by crash.
    private func mboxFiles(in folder: String) throws -> [MessageFileEntry] {
        var found: [MessageFileEntry] = []
        var stack: [(relative: String, names: [String], next: Int)] = [("", try Directories.entries(folder), 0)]
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].names.count else {
                stack.removeLast()
                continue
            }
            let name = stack[top].names[stack[top].next]
            stack[top].next += 1
            if name.hasPrefix(".") { continue }
            let child = stack[top].relative.isEmpty ? name : stack[top].relative + "/" + name
            let path = folder + "/" + child
            let status = try FileStatus.of(path)
            switch status.kind {
            case .directory:
                guard stack.count < TreeTooDeep.maximumDepth else {
                    throw TreeTooDeep(path: path, limit: TreeTooDeep.maximumDepth)
                }
                stack.append((child, try Directories.entries(path), 0))
            case .regular:
                found.append(MessageFileEntry(relativePath: child, status: status))
            case .symlink, .other:
                continue
            }
        }
        return found
    }

    /// Maildir++ folders (".Sent", ".Archive.2026") inside the account folder; a link named like one is not.
    private func maildirSubfolders(_ folder: String) throws -> [String] {
        try Directories.entries(folder).filter { name in
            name.hasPrefix(".") && name != "." && name != ".."
                && (try? FileStatus.of(folder + "/" + name).kind) == .directory
        }
    }

    /// Names starting with '.' are never messages: Maildir delivery and our own atomic writes use them for files
    /// still being written.
    private func regularFiles(in folder: String, relative: String) throws
        -> (files: [MessageFileEntry], doubtful: [String]) {
        let listed = try Directories.visibleFiles(in: relative.isEmpty ? folder : folder + "/" + relative)
        let inside = { (name: String) in relative.isEmpty ? name : relative + "/" + name }
        return (listed.files.map { MessageFileEntry(relativePath: inside($0.name), status: $0.status) },
                listed.vanished.map(inside) + (listed.changed ? [relative.isEmpty ? "." : relative + "/"] : []))
    }
}
