import CutoverFormats
import CutoverSystem
import Foundation

/// Turns the plan's JSON into a `Plan`, one section at a time, reporting each bad or missing key.
struct PlanReader {
    let root: JSONFields
    let folder: String
    let problems: ProblemCollector

    func read(file: String) -> Plan? {
        if let version = root.integer("version"), version != 1 {
            root.problem("version", "must be 1 (this cutover reads version 1 plans)")
        }
        let name = root.string("name", required: false) ?? ""
        let stateDir = root.string("stateDir").map(resolve)
        if let stateDir, let problem = SystemFolders.problem(with: stateDir) { root.problem("stateDir", problem) }
        let domain = root.string("domain")
        if let domain, !Self.isDomainName(domain) { root.problem("domain", "'\(domain)' is not a mail domain name") }
        let services = readServices()
        let accounts = root.object("accounts").flatMap(readAccounts)
        let mailboxes = root.object("mailboxes").flatMap(readMailboxes)
        let routes = root.object("routes", required: false).flatMap(readRoutes)
        let stragglers = readStragglers()
        let steps = readSteps()
        guard let stateDir, let domain, let services, let accounts, let mailboxes, let stragglers, let steps else {
            return nil
        }
        return Plan(file: file, folder: folder, name: name, stateDir: stateDir, domain: domain, services: services,
                    accounts: accounts, mailboxes: mailboxes, routes: routes, stragglers: stragglers, steps: steps)
    }

    func resolve(_ path: String) -> String { PlanLoader.absolute(path, against: folder) }

    private func readServices() -> [ServicePlan]? {
        guard let entries = root.objects("services", required: false) else { return root.has("services") ? nil : [] }
        var names = Set<String>()
        var services: [ServicePlan] = []
        for fields in entries {
            let name = fields.string("name")
            if let name, !names.insert(name).inserted { fields.problem("name", "service '\(name)' is listed twice") }
            let stop = fields.command("stop")
            let start = fields.command("start")
            let checks = (fields.objects("checks") ?? []).compactMap(readCheck)
            if fields.array("checks", required: false)?.isEmpty == true {
                fields.problem("checks", "needs at least one check: without one a service cannot be proven down or up")
            }
            let timeout = fields.number("timeoutSeconds") ?? 30
            if !(1...3600).contains(timeout) { fields.problem("timeoutSeconds", "must be from 1 to 3600 seconds") }
            if let name, let stop, let start {
                services.append(ServicePlan(name: name, stop: ExternalCommand(stop), start: ExternalCommand(start),
                                            checks: checks, timeoutSeconds: timeout))
            }
        }
        return services.count == entries.count ? services : nil
    }

    private func readCheck(_ fields: JSONFields) -> ServiceCheck? {
        let host = fields.string("host")
        let port = fields.integer("port")
        let expect = fields.string("expect")
        if let port, !(1...65535).contains(port) { fields.problem("port", "must be between 1 and 65535") }
        // Every greeting starts with the empty string: an empty `expect` would take any listener for the service.
        if expect?.isEmpty == true { fields.problem("expect", "must not be empty: name the greeting, such as \"220\"") }
        guard let host, let port, let expect, (1...65535).contains(port) else { return nil }
        return ServiceCheck(host: host, port: port, expect: expect)
    }

    private func readAccounts(_ fields: JSONFields) -> AccountsPlan? {
        let index = fields.object("index").flatMap(readAccountFile)
        let importList = fields.object("import").flatMap(readAccountFile)
        var scheme = PasswordScheme.sha512Crypt
        if let name = fields.string("passwordScheme", required: false) {
            if let known = PasswordScheme(rawValue: name.uppercased()) {
                scheme = known
            } else {
                let choices = PasswordScheme.allCases.map(\.rawValue).joined(separator: ", ")
                fields.problem("passwordScheme", "unknown scheme '\(name)' (one of: \(choices))")
            }
        }
        var recipientMap: RecipientMapPlan?
        if let map = fields.object("recipientMap", required: false) {
            let path = map.string("path").map(resolve)
            if let format = map.string("format", required: false), format != "postfix-vmailbox" {
                map.problem("format", "unknown format '\(format)' (one of: postfix-vmailbox)")
            }
            let reload = map.command("reload", required: false).map(ExternalCommand.init)
            if let path { recipientMap = RecipientMapPlan(path: path, reload: reload) }
        }
        let maxRemoved = readMaxRemoved(fields)
        guard let index, let importList else { return nil }
        return AccountsPlan(index: index, importList: importList, passwordScheme: scheme, recipientMap: recipientMap,
                            maxRemoved: maxRemoved)
    }

    /// A count (`800`) or a percentage string (`"25%"`).
    private func readMaxRemoved(_ fields: JSONFields) -> RemovalThreshold {
        guard fields.has("maxRemoved") else { return .standard }
        if let text = fields.raw("maxRemoved") as? String {
            if let threshold = RemovalThreshold.parsePercent(text) { return threshold }
        } else {
            // A value of another type is reported by `integer` itself.
            guard let count = fields.integer("maxRemoved") else { return .standard }
            if count >= 0 { return .count(count) }
        }
        fields.problem("maxRemoved", "must be a count of accounts (800) or a percentage from \"0%\" to \"100%\"")
        return .standard
    }

    private func readAccountFile(_ fields: JSONFields) -> AccountFile? {
        let path = fields.string("path").map(resolve)
        let formatName = fields.string("format")
        var format: AccountFileFormat?
        if let formatName {
            format = AccountFileFormat(rawValue: formatName)
            if format == nil { fields.problem("format", "unknown format '\(formatName)' (one of: \(Self.choices(AccountFileFormat.self)))") }
        }
        guard let path, let format else { return nil }
        return AccountFile(path: path, format: format)
    }

    private func readMailboxes(_ fields: JSONFields) -> MailboxesPlan? {
        let store = readStore(fields)
        let prefix = fields.string("removedPrefix", required: false) ?? "~"
        if prefix.isEmpty || prefix.contains("/") || prefix == "." || prefix == ".." {
            fields.problem("removedPrefix", "must be a non-empty file-name prefix without '/'")
        }
        let create = fields.bool("createForNewAccounts") ?? false
        var linkedRoots: [String] = []
        if let items = fields.array("linkedRoots", required: false) {
            if let paths = items as? [String], !paths.contains(where: \.isEmpty) {
                linkedRoots = paths.map(resolve)
                for root in linkedRoots {
                    if let problem = SystemFolders.problem(with: root) { fields.problem("linkedRoots", problem) }
                }
            } else {
                fields.problem("linkedRoots", "must be an array of folder paths")
            }
        }
        guard let store else { return nil }
        return MailboxesPlan(store: store, removedPrefix: prefix, createForNewAccounts: create, linkedRoots: linkedRoots)
    }

    private func readStore(_ fields: JSONFields) -> MailStore? {
        let root = fields.string("root").map(resolve)
        if let root, let problem = SystemFolders.problem(with: root) { fields.problem("root", problem) }
        var layout: MailboxLayoutKind? = .maildir
        if let name = fields.string("layout", required: false) {
            layout = MailboxLayoutKind(rawValue: name)
            if layout == nil { fields.problem("layout", "unknown layout '\(name)' (one of: \(Self.choices(MailboxLayoutKind.self)))") }
        }
        var template: MailboxPathTemplate?
        do {
            template = try MailboxPathTemplate(fields.string("pathTemplate", required: false) ?? "%d/%n")
        } catch {
            fields.problem("pathTemplate", error.message)
        }
        guard let root, let layout, let template else { return nil }
        return MailStore(root: root, layout: layout, template: template)
    }

    private func readRoutes(_ fields: JSONFields) -> RoutesPlan? {
        let path = fields.string("path").map(resolve)
        if let format = fields.string("format", required: false), format != "postfix-transport" {
            fields.problem("format", "unknown format '\(format)' (one of: postfix-transport)")
        }
        let set = fields.stringMap("set")
        for (pattern, nexthop) in set ?? [:] where pattern.isEmpty || nexthop.isEmpty
            || (pattern + nexthop).contains(where: { $0.isWhitespace || $0 == "#" }) {
            fields.problem("set", "'\(pattern)' → '\(nexthop)': patterns and nexthops are single words")
        }
        let reload = fields.command("reload", required: false).map(ExternalCommand.init)
        guard let path, let set else { return nil }
        let ordered = set.sorted { $0.key < $1.key }.map { (pattern: $0.key, nexthop: $0.value) }
        return RoutesPlan(path: path, set: ordered, reload: reload)
    }

    private func readStragglers() -> StragglersPlan? {
        guard let fields = root.object("stragglers", required: false) else {
            return root.has("stragglers") ? nil : StragglersPlan(source: nil, move: false, queue: nil)
        }
        var source: MailStore?
        if let sourceFields = fields.object("source", required: false) {
            source = readStore(sourceFields)
            if source == nil { return nil }
        }
        let move = fields.bool("move") ?? false
        var queue: QueuePlan?
        if let queueFields = fields.object("queue", required: false) {
            let list = queueFields.command("list")
            let flush = queueFields.command("flush", required: false)
            if let list { queue = QueuePlan(list: ExternalCommand(list), flush: flush.map(ExternalCommand.init)) }
        }
        return StragglersPlan(source: source, move: move, queue: queue)
    }

    private func readSteps() -> [StepName]? {
        guard let items = root.array("steps", required: false) else { return root.has("steps") ? nil : StepName.cutover }
        var steps: [StepName] = []
        for item in items {
            guard let name = item as? String, let step = StepName(rawValue: name), StepName.cutover.contains(step) else {
                root.problem("steps", "unknown step \(item) (one of: \(Self.cutoverSteps))")
                return nil
            }
            steps.append(step)
        }
        if steps.isEmpty {
            root.problem("steps", "names no step; leave it out to run all seven")
            return nil
        }
        if steps != steps.sorted() || Set(steps).count != steps.count {
            root.problem("steps", "steps must be listed once each, in this order: \(Self.cutoverSteps)")
            return nil
        }
        return steps
    }

    static let cutoverSteps = StepName.cutover.map(\.rawValue).joined(separator: ", ")

    static func choices<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> String where T.RawValue == String {
        T.allCases.map(\.rawValue).joined(separator: ", ")
    }

    static func isDomainName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return !name.isEmpty && name.utf8.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
