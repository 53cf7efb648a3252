import CutoverTestSupport
import Foundation

/// ansible-core from PyPI in a virtual environment under the fleet test's scratch folder, installed once per test
/// process when the suite's condition is evaluated, so a machine without python3-venv or without the index skips
/// the suite with pip's own words printed instead of failing it.
enum AnsibleTooling {
    static let scratch = try? TemporaryDirectory(prefix: "cutover-fleet")
    static var venv: String { (scratch?.path ?? "/nonexistent") + "/venv" }
    static var playbook: String { venv + "/bin/ansible-playbook" }

    static let isReady: Bool = {
        guard scratch != nil, ExternalProgram.isInstalled("python3") else {
            print("fleet test skipped: no python3")
            return false
        }
        for (what, program, arguments) in [("python3 -m venv", "python3", ["-m", "venv", venv]),
                                           ("pip install ansible-core", venv + "/bin/pip", ["install", "-q", "ansible-core"])] {
            let result = try? ExternalProgram.run(program, arguments)
            guard let result, result.status == 0 else {
                print("fleet test skipped: \(what) failed (no venv, or PyPI unreachable): \(result?.all ?? "")")
                return false
            }
        }
        return FileManager.default.isExecutableFile(atPath: playbook)
    }()
}
