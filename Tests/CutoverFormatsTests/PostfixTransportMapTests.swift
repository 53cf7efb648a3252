import Testing
import Foundation
import CutoverFormats

@Suite("PostfixTransportMap")
struct PostfixTransportMapTests {
    static let sample = """
        # transport(5)
        example.jp      smtp:[192.0.2.10]:25
        .example.jp\tsmtp:[192.0.2.10]:25

        example.net  relay:[mx.example.net]
        long.example    smtp:
            [192.0.2.99]:2525
        """

    /// Patterns, nexthops (with continuation lines joined) and line numbers come out in file order.
    @Test func parsesRoutes() throws {
        let map = try PostfixTransportMap.parse(Self.sample, file: "transport")
        #expect(map.routes == [
            TransportRoute(pattern: "example.jp", nexthop: "smtp:[192.0.2.10]:25", line: 2),
            TransportRoute(pattern: ".example.jp", nexthop: "smtp:[192.0.2.10]:25", line: 3),
            TransportRoute(pattern: "example.net", nexthop: "relay:[mx.example.net]", line: 5),
            TransportRoute(pattern: "long.example", nexthop: "smtp: [192.0.2.99]:2525", line: 6),
        ])
        #expect(map.nexthop(for: "example.net") == "relay:[mx.example.net]")
        #expect(map.nexthop(for: "EXAMPLE.NET") == "relay:[mx.example.net]")
        #expect(map.nexthop(for: "missing.example") == nil)
    }

    /// Unchanged text renders byte for byte, including CRLF lines and a missing final newline.
    @Test(arguments: [sample, sample + "\n", "", "\n", "a b\r\n# c\r\n\r\nd e\r\n", "  # indented comment\na b"])
    func roundTrips(text: String) throws {
        #expect(try PostfixTransportMap.parse(text, file: "t").render() == text)
    }

    /// Replacing keeps the line's own separator; a missing pattern is appended with a tab; changes list both.
    @Test func setsRoutes() throws {
        let map = try PostfixTransportMap.parse(Self.sample + "\n", file: "transport")
        let result = map.setting([
            (pattern: "example.jp", nexthop: "smtp:[192.0.2.20]:25"),
            (pattern: "example.net", nexthop: "relay:[mx.example.net]"),
            (pattern: "new.example", nexthop: "smtp:[192.0.2.30]"),
        ])
        #expect(result.changes == [
            RouteChange(pattern: "example.jp", before: "example.jp      smtp:[192.0.2.10]:25",
                        after: "example.jp      smtp:[192.0.2.20]:25"),
            RouteChange(pattern: "new.example", before: nil, after: "new.example\tsmtp:[192.0.2.30]"),
        ])
        #expect(result.map.render() == Self.sample.replacingOccurrences("example.jp      smtp:[192.0.2.10]:25",
                                                                          "example.jp      smtp:[192.0.2.20]:25")
            + "\nnew.example\tsmtp:[192.0.2.30]\n")
        #expect(result.map.nexthop(for: "new.example") == "smtp:[192.0.2.30]")
    }

    /// Setting the value a route already has changes nothing, so a second run is a no-op.
    @Test func settingIsIdempotent() throws {
        let set = [(pattern: "example.jp", nexthop: "smtp:[192.0.2.20]:25"), (pattern: "x.example", nexthop: "y")]
        let first = try PostfixTransportMap.parse(Self.sample, file: "t").setting(set)
        let second = try PostfixTransportMap.parse(first.map.render(), file: "t").setting(set)
        #expect(first.changes.count == 2)
        #expect(second.changes.isEmpty)
        #expect(second.map.render() == first.map.render())
    }

    /// Appending to a file without a final newline first ends its last line, and new lines end in "\n".
    @Test func appendsAfterMissingFinalNewline() throws {
        let result = try PostfixTransportMap.parse("a b", file: "t").setting([(pattern: "c", nexthop: "d")])
        #expect(result.map.render() == "a b\nc\td\n")
        let empty = try PostfixTransportMap.parse("", file: "t").setting([(pattern: "c", nexthop: "d")])
        #expect(empty.map.render() == "c\td\n")
    }

    /// A multi-line entry becomes one line; its "before" shows all of it; CRLF and case of the pattern are kept.
    @Test func replacesContinuedEntries() throws {
        let map = try PostfixTransportMap.parse("Long.Example\r\n  smtp:[a]\r\nz y\r\n", file: "t")
        let result = map.setting([(pattern: "long.example", nexthop: "smtp:[b]")])
        #expect(result.changes == [RouteChange(pattern: "long.example", before: "Long.Example\n  smtp:[a]",
                                               after: "Long.Example\tsmtp:[b]")])
        #expect(result.map.render() == "Long.Example\tsmtp:[b]\r\nz y\r\n")
    }

    /// The same pattern set twice is one change from the original to the final value.
    @Test func foldsRepeatedPatterns() throws {
        let map = try PostfixTransportMap.parse("a b\n", file: "t")
        let twice = map.setting([(pattern: "a", nexthop: "c"), (pattern: "A", nexthop: "d")])
        #expect(twice.changes == [RouteChange(pattern: "a", before: "a b", after: "a d")])
        let back = map.setting([(pattern: "a", nexthop: "c"), (pattern: "a", nexthop: "b")])
        #expect(back.changes.isEmpty)
        #expect(back.map.render() == "a b\n")
    }

    /// Every malformed line is reported with its number: no nexthop, duplicates, NUL, orphan continuation.
    @Test func reportsEveryBadLine() {
        let text = "  orphan continuation\nexample.jp\nok smtp:\nOK relay:\nnul\u{0} x\nlast   \n"
        let found = problems { () throws(InputProblems) in try PostfixTransportMap.parse(text, file: "transport") }
        #expect(lines(found) == [1, 2, 4, 5, 6])
        #expect(found[0].message.contains("whitespace"))
        #expect(found[1].message == "missing nexthop for 'example.jp'")
        #expect(found[2].message == "duplicate pattern 'OK' (first on line 3)")
        #expect(found[3].message.contains("NUL"))
        #expect(found[4].message == "missing nexthop for 'last'")
        #expect(found.allSatisfy { $0.file == "transport" })
    }

    /// RouteChange encodes to JSON for the journal and reports.
    @Test func routeChangeIsCodable() throws {
        let change = RouteChange(pattern: "a", before: nil, after: "a\tb")
        let data = try JSONEncoder().encode(change)
        #expect(try JSONDecoder().decode(RouteChange.self, from: data) == change)
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
