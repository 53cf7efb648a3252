import CutoverFormats
import CutoverSystem
import Foundation

/// `stateDir/straggler-digests.tsv`: the messages each file held when it was last read, keyed by its path and
/// checked against size, modification time and inode, so a file that has not changed is never read again (a sweep
/// from cron must not hash the whole old store every few minutes). One line a file (`DigestCache+Lines`), a later
/// line for a path replacing an earlier one: a pass appends what it read, so saving costs what changed, not the
/// size of the store. A line that cannot be read is dropped and its file read again: the cache only saves work.
struct DigestCache {
    struct Entry {
        var path: String
        var size: Int64
        var mtime: Double
        var inode: UInt64
        var messages: [StoredMessage]

        func matches(_ status: FileStatus) -> Bool {
            size == status.size && mtime == status.modificationTime && inode == status.inode
        }
    }

    let path: String
    /// Read on first use: a sweep that skips every account (see `HandledFolders`) never needs it. A line is only
    /// decoded when its file is looked up: most of a big store's lines are never needed in one pass.
    private var known: FileLines?
    /// Lines the file held when it was read (and appended since): once most of them are outdated, the file is
    /// written anew.
    private var lineCount = 0
    /// A line could not be read: the file is written anew without it.
    private var damaged = false
    /// The entries of the files looked up or stored in this scan.
    private var used: [String: Entry] = [:]
    /// The entries earlier scans of this process looked up or stored (a pass rescans after it applied): the latest
    /// for their paths, so looked up before `known`, and never decoded twice.
    private var carried: [String: Entry] = [:]
    /// Entries stored since the last save, to append.
    private var unsaved: [Entry] = []
    /// Paths this process appended lines about that the file had none about when it was read (appended lines are
    /// not put into `known`): with the file's own, how many paths the file has lines about.
    private var appendedPaths: Set<String> = []

    init(state: StateFolder) {
        path = state.path + "/straggler-digests.tsv"
    }

    private mutating func loaded() -> FileLines {
        if let known { return known }
        let lines = (try? FileReading.bytes(path)).map(FileLines.init) ?? FileLines()
        lineCount = lines.lineCount
        damaged = damaged || lines.damaged
        known = lines
        return lines
    }

    /// Reads the file now: copies made after this share what it holds instead of each reading it again.
    mutating func load() { _ = loaded() }

    /// A cache sharing what this one loaded, with nothing looked up or stored yet: for one account of a
    /// concurrent scan, whose lookups and stores are then taken in with `absorb`.
    func sharingLoaded() -> DigestCache {
        var copy = self
        copy.used = [:]
        copy.unsaved = []
        return copy
    }

    /// A cache for the next scan of this process, after this one was saved: what this scan looked up or stored is
    /// carried along, nothing is looked up yet.
    func forNextScan() -> DigestCache {
        var next = sharingLoaded()
        if next.carried.isEmpty {
            next.carried = used
        } else {
            next.carried.merge(used) { _, latest in latest }
        }
        return next
    }

    /// Takes in what a cache from `sharingLoaded()` looked up and stored.
    mutating func absorb(_ other: DigestCache) {
        used.merge(other.used) { _, theirs in theirs }
        unsaved += other.unsaved
        damaged = damaged || other.damaged
    }

    /// The messages of `path` when it is unchanged since it was cached.
    mutating func messages(of path: String, status: FileStatus) -> [StoredMessage]? {
        guard let entry = entry(path), entry.matches(status) else { return nil }
        used[path] = entry
        return entry.messages
    }

    /// The entry for `path`; a line that turns out unreadable is a miss, and gets the file written anew.
    private mutating func entry(_ path: String) -> Entry? {
        if let entry = used[path] ?? carried[path] { return entry }
        guard let line = loaded().line(for: path) else { return nil }
        let entry = Self.decode(line)
        if entry == nil { damaged = true }
        return entry
    }

    mutating func store(_ messages: [StoredMessage], of path: String, status: FileStatus) {
        let entry = Entry(path: path, size: status.size, mtime: status.modificationTime, inode: status.inode,
                          messages: messages)
        used[path] = entry
        unsaved.append(entry)
    }

    /// Whether `status` is the file this scan looked up or stored under `path`, unchanged since.
    func isAsScanned(_ path: String, _ status: FileStatus) -> Bool {
        used[path]?.matches(status) ?? false
    }

    /// Appends the entries stored since the last save. When most of the file's lines are outdated (or one was
    /// damaged) it is written anew instead, atomically, with the entries whose file is still unchanged: a stale
    /// entry only ever misses, so this is housekeeping, not correctness.
    mutating func save(ownership: Ownership) throws {
        guard !unsaved.isEmpty || damaged else { return }
        let lines = loaded()
        var appended = appendedPaths
        for entry in unsaved where !appended.contains(entry.path) && !lines.contains(entry.path) {
            appended.insert(entry.path)
        }
        let paths = lines.pathCount + appended.count
        if damaged || lineCount + unsaved.count > 2 * paths + Self.outdatedLinesAllowed {
            let newest = carried.merging(used) { _, latest in latest }
            let written = lines.latestLines
            var text = ""
            var kept = 0
            // In path order: a folder's lines in one sorted run, as `FileLines` finds them fastest.
            for path in Set(written.keys).union(newest.keys).sorted() {
                guard let entry = newest[path] ?? written[path].flatMap(Self.decode),
                      let status = try FileStatus.ifExists(path), entry.matches(status) else { continue }
                text += Self.encode(entry) + "\n"
                kept += 1
            }
            try AtomicFile.write(text, to: self.path, ownership: ownership)
            known = FileLines(Array(text.utf8))
            lineCount = kept
            damaged = false
            appendedPaths = []
        } else {
            try AppendOnlyLog(path: path, createMode: ownership.mode)
                .append(line: unsaved.map(Self.encode).joined(separator: "\n"))
            lineCount += unsaved.count
            appendedPaths = appended
        }
        unsaved = []
    }

    /// Outdated lines tolerated beyond as many as there are entries, so a small cache is not rewritten every pass.
    private static let outdatedLinesAllowed = 10_000
}
