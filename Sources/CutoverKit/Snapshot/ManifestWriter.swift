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

    /// A manifest line made before (by `line(_:in:)`, kept with the file in the staging record), for a file of
    /// `size` bytes (none of its own when it is another name of a file before it).
    func record(line: some Collection<UInt8>, size: Int64, isLink: Bool) throws {
        try file.append(line: line)
        files += 1
        bytes += isLink ? 0 : size
    }

    /// The manifest line of the file of tree `part` that `TreeSync` reported.
    static func line(_ mirrored: MirroredFile, in part: String) -> [UInt8] {
        var line: [UInt8] = []
        ManifestEntry.appendLine(prefix: part + "/", path: mirrored.path, size: mirrored.size, mtime: mirrored.mtime,
                                 digest: mirrored.digest, link: mirrored.link, to: &line)
        return line
    }

    /// Mode 0644 in the snapshot's private folder, as every manifest before.
    func commit() throws {
        try file.commit(ownership: Ownership.ofThisProcess(mode: 0o644))
    }
}
