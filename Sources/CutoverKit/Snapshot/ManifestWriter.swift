import CutoverSystem
import Foundation

/// Writes `manifest.jsonl` line by line as the files are copied (never the whole text in memory), with the totals
/// the snapshot's metadata records. Nothing appears at `path` until `commit`.
final class ManifestWriter {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private(set) var files = 0
    private(set) var bytes: Int64 = 0
    private let file: StreamingFile

    init(_ path: String) throws {
        file = try StreamingFile(path)
    }

    func record(_ entry: ManifestEntry) throws {
        try file.append(line: entry.line)
        files += 1
        bytes += entry.link == nil ? entry.size : 0
    }

    /// The file of tree `part` that `TreeSync` reported, as a manifest line.
    func record(_ file: MirroredFile, in part: String) throws {
        try record(ManifestEntry(path: part + "/" + file.path, size: file.size, mtime: file.mtime,
                                 digest: file.digest, link: file.link.map { part + "/" + $0 }))
    }

    /// Mode 0644 in the snapshot's private folder, as every manifest before.
    func commit() throws {
        try file.commit(ownership: Ownership(uid: getuid(), gid: getgid(), mode: 0o644))
    }
}
