import CutoverFormats
import Foundation

extension DigestCache {
    /// The cache file's lines, found by folder: a big store's cache has a line per message, and a pass looks up
    /// only the files of the folders it lists. Reading makes no string and no hash per line (a table of hundreds of
    /// thousands of lines was most of the cost of a sweep's start): a string per run of lines of one folder. A
    /// look-up searches its folder's lines from the latest back; a folder of many lines gets a table of its own the
    /// first time it is looked up, so a `cur/` of 100,000 messages is not searched line by line for each.
    struct FileLines {
        let bytes: [UInt8]
        /// Escaped folder (the path's bytes up to its last `/`) → its lines, in file order (a later line for a
        /// path replaces an earlier one).
        private var folders: [String: [Range<Int>]] = [:]
        private(set) var lineCount = 0
        /// How many distinct paths the file has lines about: for housekeeping only.
        private(set) var pathCount = 0
        /// A line without the tab that ends its path.
        private(set) var damaged = false
        private let tables = FolderTables()

        init() { bytes = [] }

        /// A last line without its newline is an append a crash cut short: it may look like a whole line that
        /// lists fewer messages than the file holds, so it is never taken (the next append cuts it away).
        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            let end = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            // Lines come in runs of one folder, sorted by path (a pass appends folder by folder, in listing order).
            // A folder with one such run has a path per line; any other is counted path by path.
            var runs: [(folder: Range<Int>, lines: [Range<Int>], sorted: Bool)] = []
            var lastPath = 0..<0
            var start = 0
            while start < end {
                let stop = bytes[start..<end].fastFirstIndex(of: UInt8(ascii: "\n"))!
                defer { start = stop + 1 }
                guard stop > start else { continue }
                lineCount += 1
                guard let tab = bytes[start..<stop].fastFirstIndex(of: UInt8(ascii: "\t")) else {
                    damaged = true
                    continue
                }
                let path = start..<tab
                let folder = start..<(bytes[path].fastLastIndex(of: UInt8(ascii: "/")) ?? start)
                if let last = runs.indices.last, bytes[runs[last].folder].compareBytes(bytes[folder]) == 0 {
                    runs[last].lines.append(start..<stop)
                    runs[last].sorted = runs[last].sorted && bytes[lastPath].compareBytes(bytes[path]) < 0
                } else {
                    runs.append((folder, [start..<stop], true))
                }
                lastPath = path
            }
            var unsortedFolders: Set<String> = []
            for run in runs {
                let folder = String(decoding: bytes[run.folder], as: UTF8.self)
                if folders[folder] != nil || !run.sorted { unsortedFolders.insert(folder) }
                folders[folder, default: []] += run.lines
            }
            pathCount = folders.reduce(0) { count, folder in
                count + (unsortedFolders.contains(folder.key) ? distinctPaths(folder.value) : folder.value.count)
            }
        }

        /// The latest line about `path`.
        func line(for path: String) -> ArraySlice<UInt8>? {
            let escaped = Array(DigestCache.escape(path).utf8)
            let slash = escaped[...].fastLastIndex(of: UInt8(ascii: "/")) ?? 0
            let folder = String(decoding: escaped[..<slash], as: UTF8.self)
            guard let lines = folders[folder] else { return nil }
            if lines.count > Self.searchedLineByLine {
                // No slot: no line about the path. A slot about another path: two paths of one hash (rare), and
                // only then are the folder's lines searched.
                guard let found = tables.table(of: folder, { latestByHash(lines) })[Self.hash(escaped[...])] else {
                    return nil
                }
                if Self.line(bytes[found], isAbout: escaped) { return bytes[found] }
            }
            for range in lines.reversed() where Self.line(bytes[range], isAbout: escaped) { return bytes[range] }
            return nil
        }

        /// Whether the file has a line about `path`: for housekeeping only.
        func contains(_ path: String) -> Bool { line(for: path) != nil }

        /// Folders of more lines than this get a table the first time they are looked up.
        private static let searchedLineByLine = 64

        private static func line(_ line: ArraySlice<UInt8>, isAbout escapedPath: [UInt8]) -> Bool {
            line.hasBytes(escapedPath, at: line.startIndex)
                && line.dropFirst(escapedPath.count).first == UInt8(ascii: "\t")
        }

        /// The latest line about each path.
        var latestLines: [String: ArraySlice<UInt8>] {
            var latest: [String: ArraySlice<UInt8>] = [:]
            for ranges in folders.values {
                for range in ranges {
                    if let path = DigestCache.path(of: bytes[range]) { latest[path] = bytes[range] }
                }
            }
            return latest
        }

        /// The latest line of each path's hash among `lines` (two paths of one hash share a slot).
        private func latestByHash(_ lines: [Range<Int>]) -> [Int: Range<Int>] {
            var table: [Int: Range<Int>] = [:]
            table.reserveCapacity(lines.count)
            for range in lines { table[Self.hash(pathOfLine(range))] = range }
            return table
        }

        /// Paths among `lines`, counted by hash (a collision undercounts by one: housekeeping only).
        private func distinctPaths(_ lines: [Range<Int>]) -> Int {
            Set(lines.lazy.map { Self.hash(pathOfLine($0)) }).count
        }

        private func pathOfLine(_ range: Range<Int>) -> ArraySlice<UInt8> {
            bytes[range.lowerBound..<(bytes[range].fastFirstIndex(of: UInt8(ascii: "\t")) ?? range.upperBound)]
        }

        private static func hash(_ path: ArraySlice<UInt8>) -> Int {
            var hasher = Hasher()
            path.withUnsafeBytes { hasher.combine(bytes: $0) }
            return hasher.finalize()
        }
    }
}

/// The tables of big folders a `FileLines` built on look-up, shared by its copies (the accounts of a pass are read
/// on every core).
private final class FolderTables: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: [Int: Range<Int>]] = [:]

    func table(of folder: String, _ build: () -> [Int: Range<Int>]) -> [Int: Range<Int>] {
        if let table = lock.withLock({ tables[folder] }) { return table }
        let table = build()
        lock.withLock { tables[folder] = table }
        return table
    }
}
