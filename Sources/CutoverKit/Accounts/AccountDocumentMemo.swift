import CutoverFormats
import Foundation

/// The account files this process parsed, by format and exact text: a sweep reads the import list and the
/// baseline index on every scan (twice a pass, after the plan's own check), and parsing 10,000 accounts takes tens
/// of milliseconds where reading and comparing the text takes a fraction of one. Same text, same document,
/// whichever file held it (a snapshot's copy of the index is the index until the import changes it; a document
/// holds nothing of its file's name, and a file with problems, which names it, is never kept): a text that changed
/// in any byte is parsed again.
final class AccountDocumentMemo: @unchecked Sendable {
    static let shared = AccountDocumentMemo()

    private struct Parsed {
        var format: AccountFileFormat
        var text: String
        var document: AccountDocument
    }

    private let lock = NSLock()
    /// Most recent first; a plan has two account files, and a snapshot's copy of the index makes three.
    private var recent: [Parsed] = []
    private static let kept = 4

    func parse(_ text: String, format: AccountFileFormat, file: String) throws -> AccountDocument {
        // Bytes, not String equality: text that is only canonically equivalent is another file to the tool.
        let known = lock.withLock {
            recent.first { $0.format == format && Self.sameBytes($0.text, text) }
        }
        if let known { return known.document }
        let document = try AccountDocument.parse(text, format: format, file: file)
        lock.withLock {
            recent.insert(Parsed(format: format, text: text, document: document), at: 0)
            if recent.count > Self.kept { recent.removeLast() }
        }
        return document
    }

    /// Whether two texts are the same bytes, compared by memcmp where both are contiguous (native strings are).
    private static func sameBytes(_ one: String, _ other: String) -> Bool {
        guard one.utf8.count == other.utf8.count else { return false }
        let compared = one.utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                mine.isEmpty || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0
            }
        }
        return (compared ?? nil) ?? one.utf8.elementsEqual(other.utf8)
    }
}
