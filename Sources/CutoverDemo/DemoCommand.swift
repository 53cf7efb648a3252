import CutoverFormats
import CutoverKit
import CutoverSystem
import Foundation

/// `cutover demo`: copy `Plans/` and `Fixtures/demo-server/` from the checkout into a scratch folder, preview the
/// cutover, run it for real (stand-in daemons on loopback included), run it again to show nothing changes, and
/// print where everything is.
public struct DemoCommand {
    public var into: String?
    /// Runs one `cutover` command line in this process and returns its exit code.
    public var cutover: (_ arguments: [String], _ output: Output) -> Int32

    public init(into: String?, cutover: @escaping (_ arguments: [String], _ output: Output) -> Int32) {
        self.into = into
        self.cutover = cutover
    }

    /// Returns the exit code of the first cutover command that failed, or 0.
    public func execute(effects: Effects, output: Output) throws -> Int32 {
        let checkout = try Self.findCheckout()
        let scratch = try into ?? Self.newScratchFolder()
        guard try FileStatus.ifExists(scratch + "/Plans") == nil else {
            throw UsageError("demo: \(scratch) already holds a demo; name a new folder with --into")
        }
        try Directories.create(scratch, ownership: Ownership.ofThisProcess(mode: 0o755))
        try TreeCopier.copy(from: checkout + "/Plans", to: scratch + "/Plans") { _ in }
        try Directories.create(scratch + "/Fixtures", ownership: Ownership.ofThisProcess(mode: 0o755))
        try TreeCopier.copy(from: checkout + "/Fixtures/demo-server", to: scratch + "/Fixtures/demo-server") { _ in }
        // The demo plan calls `cutover demo-service …`: make this very binary the one found on PATH.
        let binaryFolder = (try Self.executablePath() as NSString).deletingLastPathComponent
        setenv("PATH", binaryFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), 1)
        let plan = scratch + "/Plans/demo.json"
        output.print("Demo server copied to \(scratch)\n")
        try startServices(of: plan, effects: effects, output: output)
        let server = scratch + "/Fixtures/demo-server"
        let steps: [DemoStep] = [
            .cutover(["run", plan, "--dry-run"]),
            .cutover(["run", plan]),
            .deliverLateMail(from: server + "/late-mail", into: server + "/old-mail"),
            .cutover(["sweep", plan]),
            .cutover(["run", plan]),
            .cutover(["status", plan]),
            .cutover(["audit", plan]),
        ]
        for step in steps {
            switch step {
            case .cutover(let arguments):
                output.print("$ cutover \(arguments.joined(separator: " "))")
                let code = cutover(arguments, output)
                output.print("(exit \(code))\n")
                if code != 0 { return code }
            case .deliverLateMail(let late, let old):
                // Field note 13: the old side keeps receiving mail after the cutover until every route is rewired.
                let files = try Self.copyMerging(late, into: old)
                output.print("Meanwhile \(files) messages land on the old side (\(old)); `cutover sweep` moves them.\n")
            }
        }
        output.print("Look around: \(scratch)/Fixtures/demo-server (the server), \(scratch)/Plans/demo-state (journal, log, snapshot).")
        output.print("The demo's stand-in daemons are still running; stop them with:\n"
            + "  for s in smtp pop3 imap; do cutover demo-service stop --pid-file \(scratch)/Fixtures/demo-server/run/$s.pid; done")
        return 0
    }

    /// The mail server is up before a cutover: start the stand-in daemons with the plan's own start commands.
    private func startServices(of planPath: String, effects: Effects, output: Output) throws {
        let plan = try PlanLoader.load(planPath)
        for service in plan.services {
            let result = try effects.processes.run(service.start, workingDirectory: plan.folder, environment: nil,
                                                   timeoutSeconds: service.timeoutSeconds)
            guard result.succeeded else {
                throw StepFailure("demo: cannot start \(service.name): `\(service.start)` \(result.ending)")
            }
            output.print("started demo \(service.name): " + service.checks.map(\.endpoint).joined(separator: ", "))
        }
        output.print("")
    }

    private enum DemoStep {
        case cutover([String])
        case deliverLateMail(from: String, into: String)
    }

    /// Copies every file under `source` to the same place under `destination`, creating folders as needed.
    static func copyMerging(_ source: String, into destination: String) throws -> Int {
        var copied = 0
        for relative in try FileManager.default.subpathsOfDirectory(atPath: source).sorted() {
            let from = source + "/" + relative
            let to = destination + "/" + relative
            if try FileStatus.of(from).kind == .directory {
                try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
            } else if try FileStatus.ifExists(to) == nil {
                try FileManager.default.copyItem(atPath: from, toPath: to)
                copied += 1
            }
        }
        return copied
    }

    static func findCheckout() throws -> String {
        var folder = FileManager.default.currentDirectoryPath
        while true {
            if FileManager.default.fileExists(atPath: folder + "/Plans/demo.json"),
               FileManager.default.fileExists(atPath: folder + "/Fixtures/demo-server") { return folder }
            if folder == "/" || folder.isEmpty {
                throw UsageError("demo: run it from the cutover checkout (no Plans/demo.json and Fixtures/demo-server here or above)")
            }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    static func newScratchFolder() throws -> String {
        let stamp = Timestamp.rfc3339Milliseconds(Date()).filter(\.isNumber)
        return "/tmp/cutover-demo-\(stamp)"
    }

    static func executablePath() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}
