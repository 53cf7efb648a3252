import CutoverFormats
import CutoverSystem

/// How a layout keeps messages in an account folder: enough to list them, create a mailbox, and place a copy.
struct MailboxLayout: Sendable {
    let kind: MailboxLayoutKind

    /// Every message in the account folder, sorted by path (and, in an mbox file, by position).
    func messages(in accountFolder: String) throws -> [StoredMessage] {
        // An account folder may be a symlink to where the mail really is; follow it (only that one link).
        let folder = StragglerScan.resolved(accountFolder)
        guard try FileStatus.ifExists(folder)?.kind == .directory else { return [] }
        switch kind {
        case .maildir:
            var found: [StoredMessage] = []
            for mailbox in try [""] + maildirSubfolders(folder) {
                for part in ["cur", "new"] {
                    let relative = mailbox.isEmpty ? part : mailbox + "/" + part
                    found += try regularFiles(in: folder, relative: relative)
                }
            }
            return found
        case .msgdir:
            return try regularFiles(in: folder, relative: "").filter { Self.isMessageFileName($0.relativePath) }
        case .mbox:
            return try mboxMessages(in: folder)
        }
    }

    /// Can a straggler be placed into this layout as a file of its own?
    var acceptsMessageFiles: Bool { kind != .mbox }

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

    /// The messages of every mbox file under `folder` (mail clients nest mbox folders in plain folders), depth-first
    /// in name order. The walk keeps its own stack: a user's folder nested thousands deep fails by path, not by crash.
    private func mboxMessages(in folder: String) throws -> [StoredMessage] {
        var found: [StoredMessage] = []
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
            switch try FileStatus.of(path).kind {
            case .directory:
                guard stack.count < TreeTooDeep.maximumDepth else {
                    throw TreeTooDeep(path: path, limit: TreeTooDeep.maximumDepth)
                }
                stack.append((child, try Directories.entries(path), 0))
            case .regular:
                found += Mbox.messageRanges(in: try FileReading.bytes(path)).map {
                    StoredMessage(relativePath: child, size: Int64($0.count), range: $0)
                }
            default:
                continue
            }
        }
        return found
    }

    private func maildirSubfolders(_ folder: String) throws -> [String] {
        try Directories.entries(folder).filter { name in
            name.hasPrefix(".") && name != "." && name != ".."
                && (try? FileStatus.of(folder + "/" + name).kind) == .directory
        }
    }

    private func regularFiles(in folder: String, relative: String) throws -> [StoredMessage] {
        let path = relative.isEmpty ? folder : folder + "/" + relative
        guard let status = try FileStatus.ifExists(path), status.kind == .directory else { return [] }
        // Names starting with '.' are never messages: Maildir delivery and our own atomic writes use them for
        // files still being written.
        return try Directories.entries(path).filter { !$0.hasPrefix(".") }.compactMap { name in
            let file = try FileStatus.of(path + "/" + name)
            guard file.kind == .regular else { return nil }
            return StoredMessage(relativePath: relative.isEmpty ? name : relative + "/" + name, size: file.size)
        }
    }
}
