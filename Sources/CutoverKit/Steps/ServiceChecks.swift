import CutoverSystem

/// The TCP probes of a service, read as "down" (every port refuses) or "up" (every port answers as expected).
struct ServiceChecks {
    let context: StepContext

    func isDown(_ service: ServicePlan) -> Bool {
        service.checks.allSatisfy { probe($0) == .refused }
    }

    func isUp(_ service: ServicePlan) -> Bool {
        service.checks.allSatisfy { check in
            if case .banner(let line) = probe(check) { return line.hasPrefix(check.expect) }
            return false
        }
    }

    /// What each check sees now, for error messages: "127.0.0.1:25 answers '220 mail ESMTP'".
    func describe(_ service: ServicePlan) -> String {
        service.checks.map { check in
            switch probe(check) {
            case .refused: return "\(check.endpoint) refuses connections"
            case .banner(let line): return "\(check.endpoint) answers '\(line)'"
            case .silent: return "\(check.endpoint) accepts connections but sends no greeting"
            case .failed(let why): return "\(check.endpoint): \(why)"
            }
        }.joined(separator: "; ")
    }

    /// Runs `command` for `service`, then waits until `reached` holds; otherwise fails naming what each port says
    /// and how the command ended. The command's output goes to a file, never a pipe: daemons keep the caller's
    /// stderr open for their whole life.
    func drive(_ service: ServicePlan, with command: ExternalCommand, until reached: () -> Bool,
               failure: String, step: StepName) throws {
        let result = try context.run(command, timeoutSeconds: service.timeoutSeconds)
        guard wait(upTo: service.timeoutSeconds, until: reached) else {
            throw StepFailure("\(service.name) \(failure) after \(Int(service.timeoutSeconds)) s "
                + "(\(describe(service))); `\(command)` \(result.ending)", step: step)
        }
    }

    /// Polls `condition` with a backoff (0.1 s doubling to 2 s) until it holds or `timeoutSeconds` pass.
    func wait(upTo timeoutSeconds: Double, until condition: () -> Bool) -> Bool {
        let clock = context.effects.clock
        let deadline = clock.now().addingTimeInterval(timeoutSeconds)
        var pause = 0.1
        while true {
            if condition() { return true }
            let left = deadline.timeIntervalSince(clock.now())
            if left <= 0 { return false }
            clock.sleep(seconds: min(pause, left))
            pause = min(pause * 2, 2)
        }
    }

    private func probe(_ check: ServiceCheck) -> ProbeResult {
        context.effects.probe.probe(host: check.host, port: check.port, timeoutSeconds: 3)
    }
}
