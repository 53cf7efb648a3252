import CutoverTestSupport
import Foundation
import Glibc
import Testing

extension Tag {
    /// Tests that build the release binary and the Debian package (one release build, a minute or more).
    @Tag static var packaging: Self
}

/// `Packaging/build-binary` and `Packaging/build-deb`, as a packager runs them: one release build shared by the
/// tests below, then the binary's links and the package installed on this machine.
@Suite("release binary and Debian package", .tags(.packaging), .serialized)
struct PackagingTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let binary = checkout + "/.build-packaging/bin/cutover"

    /// build-deb runs build-binary, so one script run gives both; a static let runs it once for the suite.
    static let built: Result<String, any Error> = Result {
        let result = try ExternalProgram.run(checkout + "/Packaging/build-deb", [], in: checkout)
        guard result.status == 0, let deb = result.stdout.split(separator: "\n").last.map(String.init),
              deb.hasSuffix(".deb") else {
            throw PackagingFailed(output: result.all)
        }
        return deb
    }

    static var canInstallPackages: Bool { getuid() == 0 && ExternalProgram.isInstalled("dpkg") }

    /// The stripped release binary carries the Swift runtime and Foundation: ldd names no libswift* or
    /// libFoundation*, and it runs.
    @Test(.timeLimit(.minutes(10))) func binaryNeedsNoSwiftRuntime() throws {
        _ = try Self.built.get()
        let links = try ExternalProgram.run("ldd", [Self.binary])
        #expect(links.status == 0, "\(links.all)")
        #expect(!links.stdout.contains("libswift") && !links.stdout.contains("libFoundation"), "\(links.stdout)")
        #expect(!links.stdout.contains("not found"), "\(links.stdout)")
        let version = try ExternalProgram.run(Self.binary, ["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("cutover "))
    }

    /// `dpkg -i` installs a cutover that runs, whose manual page man finds, and whose packaged demo plan validates;
    /// `dpkg -r` removes it again.
    @Test(.enabled(if: canInstallPackages, "needs root and dpkg to install the package"), .timeLimit(.minutes(10)))
    func installsRunsAndRemoves() throws {
        let deb = try Self.built.get()
        try Self.installManIfMissing()
        let info = try ExternalProgram.run("dpkg-deb", ["-f", deb, "Version", "Depends"])
        #expect(info.stdout.contains("libc6 (>= ") && info.stdout.contains("libcrypt1"), "\(info.stdout)")

        let installed = try ExternalProgram.run("dpkg", ["-i", deb], environment: ["DEBIAN_FRONTEND": "noninteractive"])
        defer { _ = try? ExternalProgram.run("dpkg", ["-r", "cutover"]) }
        try #require(installed.status == 0, "\(installed.all)")

        let version = try ExternalProgram.run("/usr/bin/cutover", ["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("cutover "), "\(version.all)")
        let manual = try ExternalProgram.run("man", ["-w", "cutover"])
        #expect(manual.status == 0 && manual.stdout.contains("/usr/share/man/man1/cutover.1.gz"), "\(manual.all)")
        let completion = "/usr/share/bash-completion/completions/cutover"
        #expect(try ExternalProgram.run("bash", ["-n", completion]).status == 0)
        let plan = "/usr/share/doc/cutover/examples/Plans/demo.json"
        let validated = try ExternalProgram.run("/usr/bin/cutover", ["validate", plan], in: "/")
        #expect(validated.status == 0, "\(validated.all)")

        let removed = try ExternalProgram.run("dpkg", ["-r", "cutover"])
        #expect(removed.status == 0, "\(removed.all)")
        #expect(!FileManager.default.fileExists(atPath: "/usr/bin/cutover"))
    }

    /// A minimal Debian has no man; install man-db the way Tests/LiveServers/mailstack installs packages.
    static func installManIfMissing() throws {
        guard !ExternalProgram.isInstalled("man") else { return }
        let installed = try ExternalProgram.run("bash", ["-c", "apt-get update -q && apt-get install -y -q --no-install-recommends man-db"],
                                                environment: ["DEBIAN_FRONTEND": "noninteractive"])
        try #require(installed.status == 0, "apt-get install man-db: \(installed.all)")
    }

    struct PackagingFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "Packaging/build-deb failed:\n\(output)" }
    }
}
