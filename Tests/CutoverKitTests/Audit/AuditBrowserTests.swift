import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Debian's chromium, installed by `Tests/Browser/chromium-install` when missing (as root, with apt-get).
enum HeadlessChromium {
    /// The browser's path, or nil when it is absent and cannot be installed here. Asked once per test run.
    static let path: String? = {
        let script = FixtureServer.checkout + "/Tests/Browser/chromium-install"
        guard let result = try? ProcessRunner().run(ExternalCommand([script]), workingDirectory: FixtureServer.checkout,
                                                    environment: nil, timeoutSeconds: 900),
              result.succeeded else { return nil }
        return result.output.split(whereSeparator: \.isNewline).last.map(String.init)
    }()

    /// Runs chromium headless (no sandbox: the tests run as root) with `arguments`, then the page's URL.
    static func run(_ arguments: [String], page: String) throws -> ProcessResult {
        try ProcessRunner().run(ExternalCommand([path!, "--headless", "--no-sandbox", "--disable-gpu",
                                                 "--hide-scrollbars", "--window-size=1024,1400"]
                                                + arguments + ["file://" + page]),
                                workingDirectory: "/tmp", environment: nil, timeoutSeconds: 120)
    }
}

@Suite("audit: the HTML report in a real browser", .serialized)
struct AuditBrowserTests {
    /// Headless Chromium renders the demo's HTML report: the screenshot is not blank (much larger than one of an
    /// empty page) and the manager's summary is in the DOM it built.
    @Test(.enabled(if: HeadlessChromium.path != nil,
                   "chromium is absent and cannot be installed (needs root and apt-get: Tests/Browser/chromium-install)"))
    func chromiumRendersTheReport() throws {
        let report = try DemoWorld(clean: false).audit()
        let scratch = try TemporaryDirectory(prefix: "cutover-browser")
        defer { scratch.remove() }
        let page = scratch.path + "/audit.html"
        let blank = scratch.path + "/blank.html"
        try report.renderHTML().write(toFile: page, atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html><body></body></html>".write(toFile: blank, atomically: true, encoding: .utf8)

        let dom = try HeadlessChromium.run(["--dump-dom"], page: page)
        #expect(dom.succeeded, "\(dom.output)")
        for text in ["OK: no errors", "+2 added, -2 removed, 2 changed, 4 kept", "2 stragglers moved", "Downtime"] {
            #expect(dom.output.contains(text), "\(text)")
        }

        for (file, shot) in [(page, "report.png"), (blank, "blank.png")] {
            let result = try HeadlessChromium.run(["--screenshot=" + scratch.path + "/" + shot], page: file)
            #expect(result.succeeded, "\(result.output)")
        }
        let reportSize = try FileStatus.of(scratch.path + "/report.png").size
        let blankSize = try FileStatus.of(scratch.path + "/blank.png").size
        #expect(reportSize > 3 * blankSize && reportSize > 20_000, "report \(reportSize) B, blank page \(blankSize) B")
    }
}
