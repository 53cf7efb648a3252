/// Every key a plan may hold, by the path of the object holding it (array elements written `[]`). A key outside
/// this table is a mistake, usually a misspelling, which would otherwise be ignored and its default used.
enum PlanSchema {
    static let keys: [String: Set<String>] = [
        "": ["version", "name", "stateDir", "domain", "services", "accounts", "mailboxes", "routes", "stragglers",
             "steps"],
        "services[]": ["name", "stop", "start", "checks", "timeoutSeconds"],
        "services[].checks[]": ["host", "port", "expect"],
        "accounts": ["index", "import", "passwordScheme", "recipientMap", "maxRemoved"],
        "accounts.index": ["path", "format"],
        "accounts.import": ["path", "format"],
        "accounts.recipientMap": ["path", "format", "reload"],
        "mailboxes": ["root", "layout", "pathTemplate", "removedPrefix", "createForNewAccounts", "linkedRoots"],
        "routes": ["path", "format", "set", "reload"],
        "stragglers": ["source", "move", "queue"],
        "stragglers.source": ["root", "layout", "pathTemplate"],
        "stragglers.queue": ["list", "flush"],
    ]

    /// The known key closest in spelling to `key`, when it is close enough to be what was meant.
    static func suggestion(for key: String, among known: Set<String>) -> String? {
        // No key is longer than 21 characters; comparing a far longer one costs time and could not come close.
        guard key.count <= 64 else { return nil }
        let ranked = known.map { (candidate: $0, distance: EditDistance.between(key.lowercased(), $0.lowercased())) }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
        guard let best = ranked.first, best.distance <= max(2, key.count / 3) else { return nil }
        return best.candidate
    }
}
