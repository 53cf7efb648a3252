@testable import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

@Suite("manifest lines")
struct ManifestLineTests {
    /// A manifest line made by hand is the line the JSON encoder writes, with and without a link, for paths with
    /// characters that need escaping, also when the paths get a prefix (the snapshot part) on the way.
    @Test func lineMatchesTheEncoder() throws {
        let paths = ["mailboxes/example.jp/alice/cur/1700000000.M1P1.host:2,S", "a\"b\\c/d\te\nf", "日本/🦉", ""]
        var random = SplitMix64(seed: 11)
        for path in paths {
            for link in [nil] + paths {
                let entry = ManifestEntry(path: path, size: Int64(random.below(1 << 30)),
                                          mtime: Double(random.below(2_000_000_000)) + Double(random.below(1000)) / 1000,
                                          digest: String(repeating: "ab", count: 32), link: link)
                #expect(entry.line == String(decoding: try ManifestWriter.encoder.encode(entry), as: UTF8.self))
                var prefixed: [UInt8] = []
                ManifestEntry.appendLine(prefix: "mail\tboxes/", path: entry.path, size: entry.size, mtime: entry.mtime,
                                         digest: entry.digest, link: entry.link, to: &prefixed)
                var whole = entry
                whole.path = "mail\tboxes/" + entry.path
                whole.link = entry.link.map { "mail\tboxes/" + $0 }
                #expect(String(decoding: prefixed, as: UTF8.self) == whole.line)
            }
        }
    }
}
