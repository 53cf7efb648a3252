import CutoverFormats
import CutoverSystem
import Foundation

/// `stateDir/straggler-digests.tsv`: the messages each file held when it was last read, keyed by its path and
/// checked against size, modification time and inode, so a file that has not changed is never read again (a sweep
/// from cron must not hash the whole old store every few minutes). One line a file (`DigestCache+Lines`);
/// rewritten atomically, and only when something changed. A line that cannot be read is dropped and its file read
/// again: the cache only saves work.
struct DigestCache {
    struct Entry {
        var path: String
        var size: Int64
        var mtime: Double
        var inode: UInt64
        var messages: [StoredMessage]
    }

    let path: String
    /// Read on first use: a sweep that skips every account (see `HandledFolders`) never needs it.
    private var loadedEntries: [String: Entry]?
    /// The entries of the files looked up in this scan.
    private var used: [String: Entry] = [:]
    private var changed = false

    init(state: StateFolder) {
        path = state.path + "/straggler-digests.tsv"
    }

    private mutating func loaded() -> [String: Entry] {
        if let loadedEntries { return loadedEntries }
        var entries: [String: Entry] = [:]
        if let bytes = try? FileReading.bytes(path) {
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                guard let entry = Self.decode(line) else {
                    changed = true
                    continue
                }
                entries[entry.path] = entry
            }
        }
        loadedEntries = entries
        return entries
    }

    /// The messages of `path` when it is unchanged since it was cached.
    mutating func messages(of path: String, status: FileStatus) -> [StoredMessage]? {
        guard let entry = loaded()[path], entry.size == status.size, entry.mtime == status.modificationTime,
              entry.inode == status.inode else { return nil }
        used[path] = entry
        return entry.messages
    }

    mutating func store(_ messages: [StoredMessage], of path: String, status: FileStatus) {
        used[path] = Entry(path: path, size: status.size, mtime: status.modificationTime, inode: status.inode,
                           messages: messages)
        changed = true
    }

    /// Writes the cache when this scan read a file (new or changed), and then notes it written, so saving the same
    /// value again is free. Entries this scan did not look up (a mailbox it had no reason to read this time) are
    /// kept while their file is unchanged; with nothing read they are not even checked, since a stale entry only
    /// ever misses (a lookup compares size, mtime and inode).
    mutating func save(ownership: Ownership) throws {
        guard changed, let loaded = loadedEntries else { return }
        var kept = used
        for (path, entry) in loaded where kept[path] == nil {
            guard let status = try FileStatus.ifExists(path), entry.size == status.size,
                  entry.mtime == status.modificationTime, entry.inode == status.inode else { continue }
            kept[path] = entry
        }
        let text = kept.keys.sorted().map { Self.encode(kept[$0]!) + "\n" }.joined()
        try AtomicFile.write(text, to: path, ownership: ownership)
        loadedEntries = kept
        changed = false
    }
}
