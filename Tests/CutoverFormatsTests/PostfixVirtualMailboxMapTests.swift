import Testing
import CutoverFormats

@Suite("PostfixVirtualMailboxMap")
struct PostfixVirtualMailboxMapTests {
    static let sample = """
        # virtual_mailbox_maps
        info@example.net    example.net/info/
        alice@example.jp    example.jp/alice/
        # staff
        bob@Example.JP\texample.jp/bob/
        @example.jp         example.jp/catchall/
        carol@example.net   example.net/carol/

        """

    /// Entries come out in file order with their line numbers; the file round-trips byte for byte.
    @Test func parsesAndRoundTrips() throws {
        let map = try PostfixVirtualMailboxMap.parse(Self.sample, file: "vmailbox")
        #expect(map.entries.map(\.address) == ["info@example.net", "alice@example.jp", "bob@Example.JP",
                                               "@example.jp", "carol@example.net"])
        #expect(map.entries[1] == VirtualMailboxEntry(address: "alice@example.jp", path: "example.jp/alice/", line: 3))
        #expect(map.render() == Self.sample)
        for text in ["", "a@b c", "a@b c\r\n\r\n# x\r\n"] {
            #expect(try PostfixVirtualMailboxMap.parse(text, file: "v").render() == text)
        }
    }

    /// The domain's lines are replaced where the first one stood; comments, catch-all and other domains stay.
    @Test func regeneratesOneDomain() throws {
        let map = try PostfixVirtualMailboxMap.parse(Self.sample, file: "vmailbox")
        let result = map.regenerated(domain: "EXAMPLE.jp", replacement: [
            (address: "dave@example.jp", path: "example.jp/dave/"),
            (address: "alice@example.jp", path: "example.jp/alice/"),
        ])
        #expect(result.render() == """
            # virtual_mailbox_maps
            info@example.net    example.net/info/
            dave@example.jp\texample.jp/dave/
            alice@example.jp\texample.jp/alice/
            # staff
            @example.jp         example.jp/catchall/
            carol@example.net   example.net/carol/

            """)
    }

    /// Regenerating with the same list twice gives the same text, so the step is idempotent.
    @Test func regeneratingIsIdempotent() throws {
        let lines = [(address: "a@example.jp", path: "example.jp/a/"), (address: "b@example.jp", path: "example.jp/b/")]
        let once = try PostfixVirtualMailboxMap.parse(Self.sample, file: "v").regenerated(domain: "example.jp",
                                                                                             replacement: lines)
        let twice = try PostfixVirtualMailboxMap.parse(once.render(), file: "v").regenerated(domain: "example.jp",
                                                                                                replacement: lines)
        #expect(twice.render() == once.render())
    }

    /// With no line of the domain yet, the new lines go at the end (after ending a last line that lacked "\n").
    @Test func appendsWhenDomainIsNew() throws {
        let map = try PostfixVirtualMailboxMap.parse("x@other.example other/x/", file: "v")
        let result = map.regenerated(domain: "example.jp", replacement: [(address: "a@example.jp", path: "a/")])
        #expect(result.render() == "x@other.example other/x/\na@example.jp\ta/\n")
        let empty = try PostfixVirtualMailboxMap.parse("", file: "v")
        #expect(empty.regenerated(domain: "example.jp", replacement: []).render() == "")
    }

    /// An empty replacement removes the domain's accounts and their continuation lines.
    @Test func removesDomain() throws {
        let map = try PostfixVirtualMailboxMap.parse("a@example.jp\n  p/a/\nb@x.example p/b/\n", file: "v")
        #expect(map.regenerated(domain: "example.jp", replacement: []).render() == "b@x.example p/b/\n")
    }

    /// Every malformed line is reported: no path, duplicate address (any case), NUL, orphan continuation.
    @Test func reportsEveryBadLine() {
        let text = "\tp/x/\na@example.jp\nb@example.jp p/b/\nB@EXAMPLE.JP p/B/\nc@ex\u{0} p\n"
        let found = problems { () throws(InputProblems) in try PostfixVirtualMailboxMap.parse(text, file: "vmailbox") }
        #expect(lines(found) == [1, 2, 4, 5])
        #expect(found[1].message == "missing mailbox path for 'a@example.jp'")
        #expect(found[2].message == "duplicate address 'B@EXAMPLE.JP' (first on line 3)")
        #expect(found[3].message.contains("NUL"))
    }
}
