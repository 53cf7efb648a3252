import CutoverFormats
import CutoverSystem
import Foundation

/// `stateDir/straggler-digests.jsonl`: the messages each file held when it was last read, keyed by its path and
/// checked against size, modification time and inode, so a file that has not changed is never read again (a sweep
/// from cron must not hash the whole old store every few minutes). One JSON object a line; rewritten atomically,
/// and only when something changed. A cache that cannot be read is started afresh: it only saves work.
struct DigestCache {
    struct Entry: Codable {
        var path: String
        var size: Int64
        var mtime: Double
        var inode: UInt64
        var messages: [StoredMessage]
    }

    let path: String
    private var loaded: [String: Entry] = [:]
    /// The entries of the files looked up in this scan.
    private var used: [String: Entry] = [:]
    private var changed = false

    init(state: StateFolder) {
        path = state.path + "/straggler-digests.jsonl"
        guard let text = try? FileReading.text(path) else { return }
        let decoder = JSONDecoder()
        for line in text.split(separator: "\n") {
            guard let entry = try? decoder.decode(Entry.self, from: Data(line.utf8)) else {
                changed = true
                continue
            }
            loaded[entry.path] = entry
        }
    }

    /// The messages of `path` when it is unchanged since it was cached.
    mutating func messages(of path: String, status: FileStatus) -> [StoredMessage]? {
        guard let entry = loaded[path], entry.size == status.size, entry.mtime == status.modificationTime,
              entry.inode == status.inode else { return nil }
        used[path] = entry
        return entry.messages
    }

    mutating func store(_ messages: [StoredMessage], of path: String, status: FileStatus) {
        used[path] = Entry(path: path, size: status.size, mtime: status.modificationTime, inode: status.inode,
                           messages: messages)
        changed = true
    }

    /// Writes the cache when this scan read a file or found one changed or gone. Entries this scan did not look
    /// up (a new mailbox it had no reason to read this time) are kept while their file is unchanged.
    func save(ownership: Ownership) throws {
        var kept = used
        for (path, entry) in loaded where kept[path] == nil {
            guard let status = try FileStatus.ifExists(path), entry.size == status.size,
                  entry.mtime == status.modificationTime, entry.inode == status.inode else { continue }
            kept[path] = entry
        }
        guard changed || kept.count != loaded.count else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes: [UInt8] = []
        for key in kept.keys.sorted() {
            bytes += try encoder.encode(kept[key]!)
            bytes.append(UInt8(ascii: "\n"))
        }
        try AtomicFile.write(bytes, to: path, ownership: ownership)
    }
}
