import CutoverSystem
import Foundation

/// `stateDir/straggler-folders.tsv`: old-side account folders whose every message a real pass found handled, with
/// the modification time and inode of each folder that holds messages (the account folder, each Maildir++
/// folder's `cur/` and `new/`). While none of them has changed, no message can have been added, renamed or removed
/// there (POSIX sets a folder's mtime on every such change), and the ledger only grows: the account is still
/// fully handled, and a sweep need not list it. Only for Maildir and msgdir, where a message is a file of its own;
/// an mbox grows in place, without touching its folder. A line that cannot be read drops that folder's record.
struct HandledFolders {
    struct Stamp: Equatable {
        var path: String
        var mtime: Double
        var inode: UInt64
    }

    let path: String
    /// Each record with its line as the file holds it (saving writes thousands of unchanged records again).
    private var records: [String: (messages: Int, stamps: [Stamp], line: Substring)] = [:]
    private var changed = false

    init(state: StateFolder) {
        path = state.path + "/straggler-folders.tsv"
        guard let bytes = try? FileReading.bytes(path) else { return }
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let text = Substring(decoding: line, as: UTF8.self)
            let fields = line.split(separator: UInt8(ascii: "\t")).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count >= 2, (fields.count - 2) % 3 == 0, let messages = Int(fields[1]) else { continue }
            // A stamp that cannot be read drops the whole record: fewer stamps would check fewer folders.
            let stamps = stride(from: 2, to: fields.count, by: 3).compactMap { index -> Stamp? in
                guard let mtime = Double(fields[index + 1]), let inode = UInt64(fields[index + 2]) else { return nil }
                return Stamp(path: fields[index], mtime: mtime, inode: inode)
            }
            guard stamps.count == (fields.count - 2) / 3 else { continue }
            records[fields[0]] = (messages, stamps, text)
        }
    }

    /// How many messages the account folder held when it was last found fully handled, if nothing changed since.
    func unchanged(_ folder: String) throws -> Int? {
        guard let record = records[folder], !record.stamps.isEmpty else { return nil }
        for stamp in record.stamps {
            guard let status = try FileStatus.ifExists(stamp.path), status.kind == .directory,
                  status.modificationTime == stamp.mtime, status.inode == stamp.inode else { return nil }
        }
        return record.messages
    }

    /// The folders that hold `folder`'s messages, as they are now. Taken before the messages are listed, so a
    /// message that arrives meanwhile changes a folder after its stamp and is never skipped. None (the account is
    /// listed every time) while a folder changed just before (see `FolderSettling`): a message arriving within the
    /// same clock tick could leave the stamp unchanged.
    static func stamps(_ folder: String, layout: MailboxLayoutKind) throws -> [Stamp] {
        let now = Date().timeIntervalSince1970
        // Through a link too (stat follows it): a link led elsewhere later has another inode.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { return [] }
        let folders = [folder] + (layout == .maildir ? try MailboxLayout(kind: layout).messageFolders(in: folder) : [])
        let stamps = try folders.compactMap { path -> Stamp? in
            guard let status = try FileStatus.ifExists(path), status.kind == .directory else { return nil }
            return Stamp(path: path, mtime: status.modificationTime, inode: status.inode)
        }
        return stamps.allSatisfy { FolderSettling.isSettled(modifiedAt: $0.mtime, stampedAt: now) } ? stamps : []
    }

    /// Records `folder` as fully handled with `messages` messages, as of `stamps` (none: not to be skipped).
    mutating func handled(_ folder: String, messages: Int, stamps: [Stamp]) {
        guard !stamps.isEmpty else { return owed(folder) }
        guard records[folder]?.messages != messages || records[folder]?.stamps != stamps else { return }
        let fields = [folder, String(messages)] + stamps.flatMap { [$0.path, String($0.mtime), String($0.inode)] }
        // A path with a tab or a line break is not recorded: its account is simply listed every time.
        guard !fields.contains(where: Self.breaksLine) else { return owed(folder) }
        records[folder] = (messages, stamps, Substring(fields.joined(separator: "\t")))
        changed = true
    }

    /// Forgets `folder` (it holds something still owed).
    mutating func owed(_ folder: String) {
        if records.removeValue(forKey: folder) != nil { changed = true }
    }

    /// Tab-separated: folder, messages, then path, mtime and inode of every stamped folder.
    mutating func save(ownership: Ownership) throws {
        guard changed else { return }
        var text = ""
        for folder in records.keys.sorted() {
            text += records[folder]!.line
            text += "\n"
        }
        try AtomicFile.write(text, to: path, ownership: ownership)
        changed = false
    }

    private static func breaksLine(_ field: String) -> Bool {
        field.utf8.contains { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") }
    }
}
