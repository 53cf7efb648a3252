import CutoverFormats

extension DigestCache {
    /// The cache file's lines, found by folder: a big store's cache has a line per message, and a pass looks up
    /// only the files of the folders it lists. Reading makes no string per line (that was most of the cost of a
    /// sweep's start on a store of hundreds of thousands of messages): a string per run of lines of one folder,
    /// and one hash per line, which finds a file's latest line.
    struct FileLines {
        let bytes: [UInt8]
        /// Escaped folder (the path's bytes up to its last `/`) → its lines, in file order (a later line for a
        /// path replaces an earlier one).
        private var folders: [String: [Range<Int>]] = [:]
        /// The latest line by the hash of its path: one look-up per file, however many lines its folder has had.
        /// Two paths with one hash share a slot; the line found is always checked against the path (and the
        /// folder's lines searched on a mismatch), so a collision costs time, never a wrong answer.
        private var latestByHash: [Int: Range<Int>] = [:]
        private(set) var lineCount = 0
        /// A line without the tab that ends its path.
        private(set) var damaged = false

        init() { bytes = [] }

        /// A last line without its newline is an append a crash cut short: it may look like a whole line that
        /// lists fewer messages than the file holds, so it is never taken (the next append cuts it away).
        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            let end = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            // A line is rarely shorter than this: one growth of the table instead of twenty.
            latestByHash.reserveCapacity(bytes.count / 200)
            // Lines come in runs of one folder (a pass appends folder by folder): one string for each run.
            var runs: [(folder: Range<Int>, lines: [Range<Int>])] = []
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
                latestByHash[Self.hash(bytes[start..<tab])] = start..<stop
                let folder = start..<(bytes[start..<tab].lastIndex(of: UInt8(ascii: "/")) ?? start)
                if let last = runs.indices.last, bytes[runs[last].folder].elementsEqual(bytes[folder]) {
                    runs[last].lines.append(start..<stop)
                } else {
                    runs.append((folder, [start..<stop]))
                }
            }
            for run in runs {
                folders[String(decoding: bytes[run.folder], as: UTF8.self), default: []] += run.lines
            }
        }

        /// The latest line about `path`.
        func line(for path: String) -> ArraySlice<UInt8>? {
            let escaped = Array(DigestCache.escape(path).utf8)
            guard let found = latestByHash[Self.hash(escaped[...])] else { return nil }
            if Self.line(bytes[found], isAbout: escaped) { return bytes[found] }
            let slash = escaped.lastIndex(of: UInt8(ascii: "/")) ?? 0
            guard let lines = folders[String(decoding: escaped[..<slash], as: UTF8.self)] else { return nil }
            for range in lines.reversed() {
                if Self.line(bytes[range], isAbout: escaped) { return bytes[range] }
            }
            return nil
        }

        /// Whether a line about `path` may be in the file (a collision can say yes wrongly): for housekeeping only.
        func contains(_ path: String) -> Bool {
            latestByHash[Self.hash(Array(DigestCache.escape(path).utf8)[...])] != nil
        }

        /// How many distinct paths the file has lines about (collisions aside): for housekeeping only.
        var pathCount: Int { latestByHash.count }

        private static func line(_ line: ArraySlice<UInt8>, isAbout escapedPath: [UInt8]) -> Bool {
            line.starts(with: escapedPath) && line.dropFirst(escapedPath.count).first == UInt8(ascii: "\t")
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

        private static func hash(_ path: ArraySlice<UInt8>) -> Int {
            var hasher = Hasher()
            path.withUnsafeBytes { hasher.combine(bytes: $0) }
            return hasher.finalize()
        }
    }
}
