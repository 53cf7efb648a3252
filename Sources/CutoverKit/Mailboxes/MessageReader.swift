import CutoverFormats
import CutoverSystem

/// Lists the messages of account folders with their identities, reading each file at most once (an mbox file
/// once for all its messages) and not at all when the digest cache knows it unchanged.
struct MessageReader {
    var cache: DigestCache
    /// Files actually read in this scan (the rest came from the cache).
    private(set) var filesRead = 0

    init(cache: DigestCache) { self.cache = cache }

    /// A reader for one account of a concurrent scan: it shares the loaded cache and starts with nothing read.
    func sharingCache() -> MessageReader {
        MessageReader(cache: cache.sharingLoaded())
    }

    /// Takes in what a reader from `sharingCache()` read and looked up.
    mutating func absorb(_ other: MessageReader) {
        cache.absorb(other.cache)
        filesRead += other.filesRead
    }

    /// Every message in the account folder `folder`, in path order (mbox: file order). A file that cannot be
    /// read is returned in `unreadable` with the reason instead of failing the scan; `doubtful` names what makes
    /// the listing itself uncertain (see `MailboxLayout.listing`).
    mutating func messages(in folder: String, layout: MailboxLayoutKind) throws
        -> (messages: [StoredMessage], unreadable: [(path: String, reason: String)], doubtful: [String]) {
        var messages: [StoredMessage] = []
        var unreadable: [(path: String, reason: String)] = []
        let listing = try MailboxLayout(kind: layout).listing(in: folder)
        for file in listing.files {
            let path = folder + "/" + file.relativePath
            if let cached = cache.messages(of: path, status: file.status) {
                messages += cached
                continue
            }
            do {
                let (bytes, status) = try MessageFile.read(path)
                filesRead += 1
                let parsed = StoredMessage.parse(bytes, relativePath: file.relativePath, layout: layout,
                                                 modificationTime: status.modificationTime)
                cache.store(parsed, of: path, status: status)
                messages += parsed
            } catch {
                unreadable.append((path, "unreadable: \(error)"))
            }
        }
        return (messages, unreadable, listing.doubtful.map { folder + "/" + $0 })
    }
}
