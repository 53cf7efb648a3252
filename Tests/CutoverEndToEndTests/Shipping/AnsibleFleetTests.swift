import CutoverTestSupport
import Foundation
import Testing

extension Tag {
    /// Tests that install ansible-core from PyPI into a virtual environment and run Plans/ansible.
    @Tag static var ansible: Self
}

/// Plans/ansible/cutover.yml run with `-c local` against two "hosts": two demo servers in scratch folders, each with
/// its own stand-in daemons on its own ports, cut over with the debug build of cutover.
@Suite("ansible fleet rollout", .tags(.ansible), .serialized)
struct AnsibleFleetTests {
    static let checkout = PackagingTests.checkout

    /// `--check` previews both hosts and changes nothing; a broken plan on the second host stops the rollout after
    /// the first host is cut over, with cutover's own message; fixed, the next run cuts over the second host, and
    /// both hosts' audit reports and the summary land on the controller.
    @Test(.enabled(if: AnsibleTooling.isReady, "needs python3 -m venv and ansible-core from PyPI"),
          .timeLimit(.minutes(5)))
    func rollsOutOneHostAtATime() throws {
        let scratch = try #require(AnsibleTooling.scratch).path
        defer { AnsibleTooling.scratch?.remove() }
        let inventory = scratch + "/inventory"
        try FileManager.default.createDirectory(atPath: inventory + "/host_vars", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: inventory + "/group_vars", withIntermediateDirectories: true)
        let hosts = [("mail-one", 53), ("mail-two", 54)].map {
            FleetHost(name: $0.0, portPrefix: $0.1, folder: scratch + "/" + $0.0, controllerFolder: scratch + "/plans/" + $0.0)
        }
        try Self.writeInventory(inventory, hosts: hosts, reports: scratch + "/reports")
        for host in hosts { try host.create(checkout: Self.checkout, inventory: inventory) }
        defer { for host in hosts { host.stopDaemons() } }
        for host in hosts { try host.startDaemons() }
        let (one, two) = (hosts[0], hosts[1])

        // 1. --check: a preview per host with counts, and not a byte changed on either server.
        let before = try hosts.map { try $0.serverDigest() }
        let checked = try Self.playbook(inventory, scratch: scratch, ["--check"])
        #expect(checked.status == 0, "\(checked.all)")
        for host in hosts {
            #expect(checked.stdout.contains("\(host.name): accounts 2 added, 2 removed, 2 changed, 4 kept"), "\(checked.stdout)")
            #expect(!FileManager.default.fileExists(atPath: host.stage + "/demo-state"))
        }
        #expect(try hosts.map { try $0.serverDigest() } == before)

        // 2. A broken plan on the second host: the first is cut over, the second refused by validate, untouched.
        let goodPlan = try String(contentsOfFile: two.planOnController, encoding: .utf8)
        try goodPlan.replacingOccurrences(of: "\"removedPrefix\"", with: "\"removedPrefixx\"")
            .write(toFile: two.planOnController, atomically: true, encoding: .utf8)
        let broken = try Self.playbook(inventory, scratch: scratch)
        #expect(broken.status != 0)
        #expect(broken.stdout.contains("mail-two: cutover validate exited 2 (bad usage, or an invalid plan"), "\(broken.all)")
        #expect(broken.stdout.contains("`mailboxes.removedPrefixx`: unknown key"), "\(broken.all)")
        #expect(!broken.all.contains("Traceback"))
        #expect(one.isCutOver && !two.isCutOver)
        #expect(try two.serverDigest() == before[1])
        #expect(FileManager.default.fileExists(atPath: scratch + "/reports/mail-one/audit.json"))
        #expect(!FileManager.default.fileExists(atPath: scratch + "/reports/mail-two/audit.json"))

        // 3. Fixed: the first host has nothing left to do, the second is cut over; reports and summary fetched.
        try goodPlan.write(toFile: two.planOnController, atomically: true, encoding: .utf8)
        let fixed = try Self.playbook(inventory, scratch: scratch)
        #expect(fixed.status == 0, "\(fixed.all)")
        #expect(one.isCutOver && two.isCutOver)
        for host in hosts {
            let audit = try Data(contentsOf: URL(fileURLWithPath: "\(scratch)/reports/\(host.name)/audit.json"))
            let report = try #require(try JSONSerialization.jsonObject(with: audit) as? [String: Any])
            #expect(report["schemaVersion"] != nil && report["findings"] != nil)
            #expect(try String(contentsOfFile: host.server + "/passwd", encoding: .utf8).contains("ivan"))
        }
        let summary = try String(contentsOfFile: scratch + "/reports/summary.json", encoding: .utf8)
        #expect(summary.contains("\"mail-one\"") && summary.contains("\"mail-two\""))
        #expect(fixed.stdout.contains("mail-two: 2 added, 2 removed, 2 changed, 4 kept; audit 0 errors"), "\(fixed.stdout)")
    }

    /// Settings every host shares: local connection, the venv's python, the binary under test, where reports go.
    static func writeInventory(_ inventory: String, hosts: [FleetHost], reports: String) throws {
        try ("mail_hosts:\n  hosts:\n" + hosts.map { "    \($0.name):\n" }.joined())
            .write(toFile: inventory + "/hosts.yml", atomically: true, encoding: .utf8)
        try """
            ansible_connection: local
            ansible_python_interpreter: \(AnsibleTooling.venv)/bin/python
            cutover_install: binary
            cutover_binary_source: \(try CutoverBinary.path)
            cutover_reports: \(reports)

            """.write(toFile: inventory + "/group_vars/all.yml", atomically: true, encoding: .utf8)
    }

    /// ansible-playbook with its home and temp folders in the scratch folder, never the user's ~/.ansible.
    static func playbook(_ inventory: String, scratch: String, _ extra: [String] = []) throws -> CutoverBinary.Result {
        try ExternalProgram.run(AnsibleTooling.playbook, ["-i", inventory, checkout + "/Plans/ansible/cutover.yml"] + extra,
                                environment: ["ANSIBLE_HOME": scratch + "/ansible-home", "ANSIBLE_LOCAL_TEMP": scratch + "/ansible-tmp",
                                              "ANSIBLE_REMOTE_TEMP": scratch + "/ansible-tmp", "ANSIBLE_NOCOLOR": "1",
                                              "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_FORCE_COLOR": "0"])
    }
}
