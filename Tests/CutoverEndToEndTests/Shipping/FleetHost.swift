import CutoverTestSupport
import Foundation
import Testing

/// One "mail host" of the fleet test: a copy of the demo server in its own folder, with its own stand-in daemons on
/// its own ports, and the plan and import list the controller keeps for it (Plans/demo.json with this host's paths
/// and ports). The playbook copies the binary to `bin/cutover` and the plan to `cutover/`.
struct FleetHost {
    var name: String
    /// 53 gives SMTP 53525, POP3 53110, IMAP 53143: clear of the demo's 52xxx and the live servers' 42xxx/43xxx.
    var portPrefix: Int
    var folder: String
    var controllerFolder: String

    var server: String { folder + "/server" }
    var binary: String { folder + "/bin/cutover" }
    var stage: String { folder + "/cutover" }
    var planOnController: String { controllerFolder + "/plan.json" }
    var pidFiles: [String] { ["smtp", "pop3", "imap"].map { server + "/run/\($0).pid" } }

    /// Copies the demo server and writes this host's plan, import list and host_vars.
    func create(checkout: String, inventory: String) throws {
        for path in [folder, controllerFolder, server + "/run"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        try FileManager.default.removeItem(atPath: server + "/run")
        try FileManager.default.copyItem(atPath: checkout + "/Fixtures/demo-server", toPath: server)
        try FileManager.default.createDirectory(atPath: server + "/run", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: checkout + "/Fixtures/demo-server/accounts-2027.txt",
                                         toPath: controllerFolder + "/accounts-2027.txt")
        var plan = try String(contentsOfFile: checkout + "/Plans/demo.json", encoding: .utf8)
        // The import list lands beside the plan on the host; everything else on the server stays absolute.
        plan = plan.replacingOccurrences(of: "\"../Fixtures/demo-server/accounts-2027.txt\"", with: "\"accounts-2027.txt\"")
            .replacingOccurrences(of: "../Fixtures/demo-server", with: server)
            .replacingOccurrences(of: "[\"cutover\", \"demo-service\"", with: "[\"\(binary)\", \"demo-service\"")
        for (demo, port) in [("52525", "525"), ("52110", "110"), ("52143", "143")] {
            plan = plan.replacingOccurrences(of: demo, with: "\(portPrefix)\(port)")
        }
        try plan.write(toFile: planOnController, atomically: true, encoding: .utf8)
        try """
            cutover_plan: \(planOnController)
            cutover_import_list: \(controllerFolder)/accounts-2027.txt
            cutover_dir: \(stage)
            cutover_bin: \(binary)

            """.write(toFile: "\(inventory)/host_vars/\(name).yml", atomically: true, encoding: .utf8)
    }

    /// The mail server is up before the cutover: the plan's own start commands, run by the binary under test.
    func startDaemons() throws {
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planOnController)))
        let services = (plan as? [String: Any])?["services"] as? [[String: Any]] ?? []
        for service in services {
            let start = try #require(service["start"] as? [String])
            let started = try CutoverBinary.run(Array(start.dropFirst()), in: controllerFolder)
            try #require(started.status == 0, "\(name): \(started.all)")
        }
    }

    func stopDaemons() {
        for pidFile in pidFiles { _ = try? CutoverBinary.run(["demo-service", "stop", "--pid-file", pidFile]) }
    }

    /// The server tree, for "nothing changed" (run/ holds the daemons' logs, which change as they are probed).
    func serverDigest() throws -> [String: String] { try TreeDigest.of(server) { $0.hasPrefix("run") } }

    /// Whether the journal ends with start-services completed: the whole cutover ran.
    var isCutOver: Bool {
        let journal = (try? String(contentsOfFile: stage + "/demo-state/journal.jsonl", encoding: .utf8)) ?? ""
        return journal.split(separator: "\n").contains { $0.contains("\"start-services\"") && $0.contains("\"completed\"") }
    }
}
