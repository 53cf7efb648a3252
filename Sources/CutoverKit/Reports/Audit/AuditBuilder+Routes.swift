import CutoverFormats
import CutoverSystem
import Foundation

extension AuditBuilder {
    /// Every route the plan sets and every route of the domain in the transport file, with what `postmap -q`
    /// answers when a compiled map lies beside the text (Postfix reads the `.db`, which can disagree with it).
    mutating func auditRoutes() throws -> [AuditReport.RouteState] {
        guard let routes = plan.routes else { return [] }
        let map: PostfixTransportMap
        do {
            map = try PostfixTransportMap.parse(try FileReading.text(routes.path), file: relative(routes.path))
        } catch {
            add(.unreadableFile, relative(routes.path), "\(error)")
            return []
        }
        let expected = Dictionary(routes.set.map { ($0.pattern.lowercased(), $0.nexthop) }, uniquingKeysWith: { a, _ in a })
        var patterns = routes.set.map(\.pattern)
        for route in map.routes where concernsDomain(route.pattern)
            && !patterns.contains(where: { $0.lowercased() == route.pattern.lowercased() }) {
            patterns.append(route.pattern)
        }
        let compiled = try Self.compiledMap(of: routes.path)
        return patterns.map { pattern in
            let nexthop = map.nexthop(for: pattern)
            var state = AuditReport.RouteState(pattern: pattern, expected: expected[pattern.lowercased()],
                                               nexthop: nexthop, lookup: nil,
                                               delivers: nexthop.map { Self.isLocal($0) ? .local : .remote } ?? .missing)
            if let compiled { state.lookup = lookup(pattern, in: compiled) }
            judge(state)
            return state
        }
    }

    /// The domain itself, its subdomains (".example.jp") and its addresses ("user@example.jp").
    private func concernsDomain(_ pattern: String) -> Bool {
        let pattern = pattern.lowercased()
        let domain = plan.domain.lowercased()
        return pattern == domain || pattern.hasSuffix("." + domain) || pattern.hasSuffix("@" + domain)
    }

    /// Delivered on this host: transport(5)'s `local`, `virtual` and `lmtp` transports.
    static func isLocal(_ nexthop: String) -> Bool {
        let transport = nexthop.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return ["local", "virtual", "lmtp"].contains(transport.lowercased())
    }

    /// `hash:PATH` when `PATH.db` exists (likewise `lmdb`, `cdb`): the table Postfix actually reads.
    static func compiledMap(of path: String) throws -> String? {
        for (suffix, type) in [("db", "hash"), ("lmdb", "lmdb"), ("cdb", "cdb")]
        where try FileStatus.ifExists(path + "." + suffix) != nil {
            return type + ":" + path
        }
        return nil
    }

    /// The Postfix configuration the map belongs to: the reload command's `-c DIR`, else the map's own folder when
    /// it holds a `main.cf` (postmap refuses to run without one).
    private func configFolder() throws -> String? {
        guard let routes = plan.routes else { return nil }
        let words = routes.reload?.arguments ?? []
        if let flag = words.firstIndex(of: "-c"), flag + 1 < words.count { return words[flag + 1] }
        let folder = (routes.path as NSString).deletingLastPathComponent
        return try FileStatus.ifExists(folder + "/main.cf") != nil ? folder : nil
    }

    /// `postmap -q PATTERN MAP`: the first line it prints, "(not found)" for exit 1, or why it could not run.
    private func lookup(_ pattern: String, in path: String) -> String {
        let config: [String] = ((try? configFolder()) ?? nil).map { ["-c", $0] } ?? []
        let command = ExternalCommand(["postmap"] + config + ["-q", pattern, path])
        do {
            let result = try effects.processes.run(command, workingDirectory: plan.folder, environment: nil,
                                                   timeoutSeconds: 30)
            let first = result.output.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            if result.succeeded { return first.trimmingCharacters(in: .whitespaces) }
            return result.exitStatus == 1 && first.isEmpty ? "(not found)" : "(postmap exited \(result.exitStatus): \(first))"
        } catch {
            return "(postmap could not run: \(error))"
        }
    }

    private mutating func judge(_ route: AuditReport.RouteState) {
        if route.delivers == .local {
            add(.routeStillLocal, route.pattern, "still delivers on this host (\(route.nexthop ?? "")): mail for it "
                + "stays on the old server")
        } else if let expected = route.expected, route.nexthop != expected {
            add(.routeNotRewired, route.pattern, "goes to \(route.nexthop ?? "nowhere (no line)"), "
                + "the plan says \(expected)")
        }
        if let lookup = route.lookup, !lookup.hasPrefix("("), Self.isLocal(lookup) {
            add(.routeStillLocal, route.pattern, "postmap -q answers \(lookup): Postfix still delivers on this host")
        } else if let lookup = route.lookup, let nexthop = route.nexthop, lookup != nexthop {
            add(.routeLookupDiffers, route.pattern, "postmap -q answers \(lookup), the transport file says "
                + "\(nexthop): run the routes' reload")
        }
    }
}
