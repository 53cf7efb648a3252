import CutoverSystem

extension AuditBuilder {
    /// Every service check as it answers now.
    mutating func auditServices() -> [AuditReport.ServiceState] {
        plan.services.flatMap { service in
            service.checks.map { check in
                let answer: String
                var up = false
                switch effects.probe.probe(host: check.host, port: check.port, timeoutSeconds: 3) {
                case .banner(let line):
                    answer = line
                    up = line.hasPrefix(check.expect)
                case .refused: answer = "(refuses connections)"
                case .silent: answer = "(accepts connections, sends no greeting)"
                case .failed(let why): answer = "(\(why))"
                }
                let state = AuditReport.ServiceState(service: service.name, endpoint: check.endpoint,
                                                     expect: check.expect, answer: answer, up: up)
                if !up {
                    add(.serviceDown, "\(service.name) \(check.endpoint)", "expected '\(check.expect)…', got \(answer)")
                }
                return state
            }
        }
    }
}
