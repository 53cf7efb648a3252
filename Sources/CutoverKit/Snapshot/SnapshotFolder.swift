import CutoverSystem
import Foundation

/// A finished snapshot: `snapshot.json` (written last, so its presence means complete), `manifest.jsonl`, and one
/// sub-folder per thing copied (`index/`, `recipient-map/`, `routes/`, `mailboxes/`, `stragglers-source/`).
public struct SnapshotFolder: Sendable {
    static let partialSuffix = ".partial"

    public var path: String

    public var metadata: String { path + "/snapshot.json" }
    public var manifest: String { path + "/manifest.jsonl" }

    public func readMetadata() throws -> SnapshotMetadata {
        try JSONDecoder().decode(SnapshotMetadata.self, from: Data(try FileReading.bytes(metadata)))
    }

    /// Where the snapshot keeps its copy of `original`, if it took one.
    public func copy(of original: String) throws -> String? {
        try readMetadata().parts.first { $0.original == original }.map { path + "/" + $0.name }
    }

    /// What the snapshot holds under one of its parts (e.g. "mailboxes"), by content digest. Throws when the
    /// snapshot has no such part: comparing against nothing would make every message look new.
    public func knownMessages(under part: String) throws -> KnownMessages {
        guard try readMetadata().parts.contains(where: { $0.name == part }) else {
            throw StepFailure("the snapshot \(path) holds no \(part); it was taken for another plan")
        }
        let prefix = part + "/"
        var known = KnownMessages()
        let decoder = JSONDecoder()
        for line in try FileReading.bytes(manifest).split(separator: UInt8(ascii: "\n")) {
            let entry = try ManifestEntry.read(line, decoder: decoder)
            if entry.path.hasPrefix(prefix) { known.add(entry.digest, at: String(entry.path.dropFirst(prefix.count))) }
        }
        return known
    }
}

/// Snapshotted files by digest, so "was this message there before?" is asked per account folder: the same bytes
/// in another account's mailbox do not make a message known.
public struct KnownMessages: Sendable {
    private var paths: [String: [String]] = [:]

    mutating func add(_ digest: String, at path: String) { paths[digest, default: []].append(path) }

    /// Was a file with this digest inside `folder` (relative to the part) at snapshot time?
    public func contains(_ digest: String, inFolder folder: String) -> Bool {
        paths[digest]?.contains { $0.hasPrefix(folder + "/") } ?? false
    }
}

/// `snapshot.json`: what was copied from where, and totals.
public struct SnapshotMetadata: Sendable, Codable, Equatable {
    public struct Part: Sendable, Codable, Equatable {
        /// Path inside the snapshot folder, e.g. "index/passwd" or "mailboxes".
        public var name: String
        public var original: String
    }

    public var id: String
    public var created: String
    public var plan: String
    public var parts: [Part]
    public var files: Int
    public var bytes: Int64
}

/// One line of `manifest.jsonl`.
public struct ManifestEntry: Sendable, Codable, Equatable {
    public var path: String
    public var size: Int64
    public var mtime: Double
    public var digest: String
    /// For a hard link: the path of the first name of the same file in the snapshot.
    public var link: String?
}
