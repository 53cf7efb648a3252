import Foundation

extension AuditReport {
    /// The contract's JSON: `schemaVersion` first, then the sections in the contract's order, keys inside them
    /// sorted, so the same world gives the same bytes.
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        func field(_ key: String, _ value: some Encodable) throws -> String {
            let text = String(decoding: try encoder.encode(value), as: UTF8.self)
            return "  \"\(key)\" : " + text.replacingOccurrences(of: "\n", with: "\n  ")
        }
        let fields = [try field("schemaVersion", schemaVersion), try field("plan", plan),
                      try field("accounts", accounts), try field("mailboxes", mailboxes), try field("routes", routes),
                      try field("stragglers", stragglers), try field("services", services),
                      try field("timeline", timeline), try field("findings", findings)]
        return "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }
}
