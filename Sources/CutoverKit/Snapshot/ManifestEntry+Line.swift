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
        "{\"digest\":" + JSONText.string(digest) + (link.map { ",\"link\":" + JSONText.string($0) } ?? "")
            + ",\"mtime\":" + JSONText.number(mtime) + ",\"path\":" + JSONText.string(path)
            + ",\"size\":" + String(size) + "}"
    }
}
