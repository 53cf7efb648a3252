import CutoverFormats
import Foundation

extension ManifestEntry {
    /// One line of `manifest.jsonl`: read directly when it is in the shape the snapshot writes, else by the JSON
    /// decoder (which throws on a damaged line).
    static func read(_ line: ArraySlice<UInt8>, decoder: JSONDecoder) throws -> ManifestEntry {
        if let json = FlatJSONLine(line), let path = json.string("path"), let digest = json.string("digest"),
           let size = json.number("size"), let mtime = json.number("mtime") {
            let link = json.string("link")
            if link != nil || !json.has("link") {
                return ManifestEntry(path: path, size: Int64(size), mtime: mtime, digest: digest, link: link)
            }
        }
        return try decoder.decode(ManifestEntry.self, from: Data(line))
    }

    /// The line `ManifestWriter.encoder` writes for this entry (sorted keys, no `link` when there is none), made
    /// without an encoder: a snapshot writes one per message, inside the downtime.
    var line: String {
        var bytes: [UInt8] = []
        Self.appendLine(path: path, size: size, mtime: mtime, digest: digest, link: link, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the line of an entry whose paths are `prefix` + `path` (and + `link`) to `bytes`, without a newline.
    static func appendLine(prefix: String = "", path: String, size: Int64, mtime: Double, digest: String,
                           link: String?, to bytes: inout [UInt8]) {
        bytes += #"{"digest":"#.utf8
        JSONText.appendString(digest, to: &bytes)
        if let link {
            bytes += #","link":"#.utf8
            JSONText.appendString(link, prefix: prefix, to: &bytes)
        }
        bytes += #","mtime":"#.utf8
        bytes += JSONText.number(mtime).utf8
        bytes += #","path":"#.utf8
        JSONText.appendString(path, prefix: prefix, to: &bytes)
        bytes += #","size":"#.utf8
        bytes += String(size).utf8
        bytes.append(UInt8(ascii: "}"))
    }
}
