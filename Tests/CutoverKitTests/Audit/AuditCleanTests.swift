import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

@Suite("audit: a clean cutover")
struct AuditCleanTests {
    /// The demo cut over as `cutover demo` does audits to no error; its one warning is heidi's UID counter, which
    /// the fixture puts near the limit on purpose.
    @Test func demoCutoverHasNoErrors() throws {
        let demo = try DemoWorld(clean: false)
        let report = try demo.audit()
        #expect(!report.hasErrors, "\(report.findings)")
        #expect(report.findings.map(\.code) == [.uidNearLimit])
        #expect(report.accounts.added == ["ivan", "judy"])
        #expect(report.accounts.removed == ["carol", "frank"])
        #expect(report.accounts.changed == ["bob", "erin"])
        #expect(report.accounts.kept == 4)
        #expect(report.stragglers.moved == 2)
    }

    /// With the fixture's deliberate problem fixed first, the audit finds nothing at all: the base every
    /// single-problem test starts from.
    @Test func cleanDemoHasNoFindings() throws {
        let report = try DemoWorld(clean: true).audit()
        #expect(report.findings == [], "\(report.findings)")
        #expect(report.mailboxes.map(\.to) == ["../Fixtures/demo-server/mail/example.jp/~carol.2",
                                               "../Fixtures/demo-server/mail/example.jp/~frank"])
        #expect(report.mailboxes.allSatisfy { $0.unchanged })
    }
}
