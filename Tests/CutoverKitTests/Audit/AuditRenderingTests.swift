import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

/// The renderings of the demo's audit after its cutover, pinned by golden files in `__Snapshots__/`
/// (re-record with `RECORD_SNAPSHOTS=1`), and the JSON checked by keys and codes.
@Suite("audit: renderings of the demo")
struct AuditRenderingTests {
    static func demoReport() throws -> AuditReport { try DemoWorld(clean: false).audit() }

    /// Text, Markdown and HTML of the same report match their golden files: fixed clock, paths relative.
    @Test func renderingsMatchGoldenFiles() throws {
        let report = try Self.demoReport()
        // Each checked (and, when recording, written) even when another differs.
        for (rendering, name) in [(report.renderText(), "demo-audit.txt"), (report.renderMarkdown(), "demo-audit.md"),
                                  (report.renderHTML(), "demo-audit.html")] {
            #expect(throws: Never.self) { try GoldenFile.verify(rendering, named: name) }
        }
    }

    /// JSON: `schemaVersion` first, the contract's top-level keys in order, the finding codes, and it decodes back.
    @Test func jsonHasTheContractsKeys() throws {
        let report = try Self.demoReport()
        let json = try report.renderJSON()
        #expect(json.hasPrefix("{\n  \"schemaVersion\" : 1,"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schemaVersion", "plan", "accounts", "mailboxes", "routes", "stragglers",
                                     "services", "timeline", "findings"])
        let keyOrder = ["schemaVersion", "plan", "accounts", "mailboxes", "routes", "stragglers", "services",
                        "timeline", "findings"].map { json.range(of: "\n  \"\($0)\" : ")?.lowerBound }
        #expect(keyOrder.allSatisfy { $0 != nil } && keyOrder.map { $0! } == keyOrder.map { $0! }.sorted())
        let accounts = try #require(object["accounts"] as? [String: Any])
        #expect(accounts["added"] as? [String] == ["ivan", "judy"])
        #expect(accounts["removed"] as? [String] == ["carol", "frank"])
        #expect(accounts["changed"] as? [String] == ["bob", "erin"])
        #expect(accounts["kept"] as? Int == 4)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["uid-near-limit"])
        #expect(findings.allSatisfy { Set($0.keys) == ["severity", "code", "subject", "message"] })
        #expect(try JSONDecoder().decode(AuditReport.self, from: Data(json.utf8)) == report)
        #expect(try report.renderJSON() == json)
    }

    /// Whatever the server or plan holds reaches the HTML escaped: a plan name with markup stays text.
    @Test func htmlEscapesUserText() throws {
        var report = try Self.demoReport()
        report.plan.name = "<script>alert('x')</script> & co"
        let html = report.renderHTML()
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }
}
