extension AuditReport {
    /// The few lines a manager reads, shared by every rendering: accounts ±, mail moved, downtime, verdict.
    struct Summary {
        var accounts: String
        var mail: String
        var downtime: String
        var findings: String
        var verdict: String
    }

    var summary: Summary {
        let moved = stragglers.moved
        let queue = stragglers.queue.map { $0.problem != nil ? "queue not readable"
            : "\($0.held.count) queued for \(plan.domain)" } ?? "queue not checked"
        return Summary(
            accounts: "+\(accounts.added.count) added, -\(accounts.removed.count) removed, "
                + "\(accounts.changed.count) changed, \(accounts.kept) kept",
            mail: "\(moved) straggler\(moved == 1 ? "" : "s") moved, \(stragglers.unmoved.count) unmoved, \(queue)",
            downtime: timeline.downtime.map { "\(Self.duration($0.seconds)) (\($0.from) to \($0.to))" }
                ?? "no completed stop and start in the journal",
            findings: "\(Self.counted(count(.error), "error")), \(Self.counted(count(.warning), "warning")), "
                + "\(count(.info)) info",
            verdict: hasErrors ? "NOT OK: \(count(.error)) error\(count(.error) == 1 ? "" : "s") to fix" : "OK: no errors")
    }

    /// "1 error", "2 errors".
    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// "0 s", "12.5 s", "3 min 20 s", "2 h 5 min".
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 {
            let rounded = (seconds * 10).rounded() / 10
            return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
        }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// "1234 B", "12.1 KiB", "3.4 MiB": one decimal, powers of 1024 as Dovecot counts quota.
    static func bytes(_ count: Int64?) -> String {
        guard let count else { return "-" }
        if count < 1024 { return "\(count) B" }
        var value = Double(count)
        for unit in ["KiB", "MiB", "GiB", "TiB"] {
            value /= 1024
            if value < 1024 || unit == "TiB" { return "\((value * 10).rounded() / 10) \(unit)" }
        }
        return "\(count) B"
    }

    /// "3 → 4", "- → 2", "3 → -".
    static func change(_ before: Int?, _ now: Int?) -> String {
        "\(before.map(String.init) ?? "-") → \(now.map(String.init) ?? "-")"
    }

    /// One cell's worth of an account's settings files: "ok: .dovecot.sieve", "GONE: .forward".
    static func settings(_ files: [SettingsFile]) -> String {
        files.isEmpty ? "-" : files.map { ($0.carried ? "ok: " : "GONE: ") + $0.name }.joined(separator: ", ")
    }

    /// The table rows every rendering shares, as plain strings: header first.
    var accountRows: [[String]] {
        [["account", "status", "mailbox", "messages", "bytes", "quota", "identity", "settings"]]
            + accounts.details.map { account in
                let identity = account.messagesBefore == nil || account.status == .removed ? "-"
                    : account.renamedMessages == 0 && account.uidValidityChanged.isEmpty ? "same"
                    : "CHANGED (\(account.renamedMessages) renamed, UIDVALIDITY: "
                        + "\(account.uidValidityChanged.map { $0.isEmpty ? "INBOX" : $0 }.joined(separator: " ")))"
                return [account.userID, account.status.rawValue, account.mailbox ?? "(none)",
                        Self.change(account.messagesBefore, account.messagesNow),
                        "\(Self.bytes(account.bytesBefore)) → \(Self.bytes(account.bytesNow))",
                        Self.bytes(account.quotaBytes), identity, Self.settings(account.settings)]
            }
    }

    var renamedRows: [[String]] {
        [["account", "from", "to", "messages", "unchanged"]] + mailboxes.map {
            [$0.userID, $0.from, $0.to ?? "(not found)", Self.change($0.messagesBefore, $0.messagesNow),
             $0.unchanged ? "yes" : "NO"]
        }
    }

    var routeRows: [[String]] {
        [["pattern", "nexthop now", "plan says", "postmap -q", "delivers"]] + routes.map {
            [$0.pattern, $0.nexthop ?? "(no line)", $0.expected ?? "-", $0.lookup ?? "-", $0.delivers.rawValue]
        }
    }

    var serviceRows: [[String]] {
        [["service", "endpoint", "expects", "answers now", "up"]] + services.map {
            [$0.service, $0.endpoint, $0.expect, $0.answer, $0.up ? "yes" : "NO"]
        }
    }

    var timelineRows: [[String]] {
        [["run", "step", "outcome", "start", "seconds"]] + timeline.steps.map {
            [runLabel($0.run), $0.step, $0.outcome, $0.start, Self.duration($0.seconds)]
        }
    }

    /// "run 1", "run 2": the journal's run ids end in a process id, which says nothing to a reader.
    func runLabel(_ run: String) -> String {
        var order: [String] = []
        for step in timeline.steps where !order.contains(step.run) { order.append(step.run) }
        return "run \((order.firstIndex(of: run) ?? order.count) + 1)"
    }

    var findingRows: [[String]] {
        [["severity", "code", "subject", "message"]] + findings.map {
            [$0.severity.rawValue, $0.code.rawValue, $0.subject, $0.message]
        }
    }
}
