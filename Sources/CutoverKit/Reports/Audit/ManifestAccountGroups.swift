import CutoverSystem
import Foundation

/// A snapshot's `manifest.jsonl`, read line by line and handed over one account folder at a time, so a server
/// of any size is audited in the memory of its largest mailbox. The snapshot writes the manifest depth-first in
/// name order (`TreeCopier`), so the files of one account folder are consecutive; a folder met again later means
/// the manifest was not written that way, and is refused rather than audited half.
struct ManifestAccountGroups {
    /// One account folder's files; paths (and `link`, when the other name is in the same folder) are relative
    /// to the account folder.
    struct Group {
        var folder: String
        var entries: [ManifestEntry]
    }

    let manifest: String
    /// The snapshot part holding the mail root, e.g. "mailboxes".
    let part: String
    /// How many path components an account folder has below the mail root ("example.jp/alice": 2).
    let depth: Int

    func forEach(_ body: (Group) throws -> Void) throws {
        guard let file = fopen(manifest, "r") else { throw SystemError("read", manifest) }
        defer { fclose(file) }
        let decoder = JSONDecoder()
        var current: Group?
        var finished = Set<String>()
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let length = strlen(line)
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self),
                                            count: length > 0 && line[length - 1] == 10 ? length - 1 : length)
            let entry = try ManifestEntry.read(Array(bytes)[...], decoder: decoder)
            guard let (folder, inner) = split(entry.path) else { continue }
            if current?.folder != folder {
                if let done = current {
                    finished.insert(done.folder)
                    try body(done)
                }
                guard !finished.contains(folder) else {
                    throw AuditFailure("\(manifest) lists \(folder) in two places; it was not written by a snapshot")
                }
                current = Group(folder: folder, entries: [])
            }
            var relative = entry
            relative.path = inner
            relative.link = entry.link.flatMap { split($0) }.flatMap { $0.folder == folder ? $0.inner : nil }
            current?.entries.append(relative)
        }
        if let done = current { try body(done) }
    }

    /// "mailboxes/example.jp/alice/cur/x" → ("example.jp/alice", "cur/x"); nil outside an account folder.
    private func split(_ path: String) -> (folder: String, inner: String)? {
        guard path.hasPrefix(part + "/") else { return nil }
        let components = path.dropFirst(part.count + 1).split(separator: "/", omittingEmptySubsequences: false)
        guard components.count > depth else { return nil }
        return (components.prefix(depth).joined(separator: "/"), components.dropFirst(depth).joined(separator: "/"))
    }
}
