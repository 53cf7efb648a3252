/// The storage limit in a Dovecot passwd-file's extra fields: `quota_rule=*:storage=1G`, also spelt
/// `userdb_quota_rule=*:storage=100M`. Only the default rule (`*`) with an absolute `storage` counts here;
/// percentages and per-folder rules adjust a limit this file does not hold.
public enum DovecotQuotaRule {
    /// The limit in bytes, nil when the fields set none (0 means "no limit" to Dovecot, so that is nil too).
    public static func storageLimit(inExtraFields extraFields: String) -> Int64? {
        for field in extraFields.split(separator: " ") {
            guard let equals = field.firstIndex(of: "=") else { continue }
            let key = field[..<equals]
            guard key == "quota_rule" || key == "userdb_quota_rule" else { continue }
            let rule = field[field.index(after: equals)...]
            guard rule.hasPrefix("*:") else { continue }
            for part in rule.dropFirst(2).split(separator: ":") where part.hasPrefix("storage=") {
                if let bytes = bytes(part.dropFirst("storage=".count)), bytes > 0 { return bytes }
            }
        }
        return nil
    }

    /// "100M" → 104857600; Dovecot's units are powers of 1024 (B, k/K, M, G, T), no unit meaning bytes.
    static func bytes(_ text: Substring) -> Int64? {
        var digits = text
        var factor: Int64 = 1
        if let unit = text.last, !unit.isNumber {
            digits = text.dropLast()
            switch unit {
            case "B", "b": factor = 1
            case "k", "K": factor = 1 << 10
            case "M", "m": factor = 1 << 20
            case "G", "g": factor = 1 << 30
            case "T", "t": factor = 1 << 40
            default: return nil
            }
        }
        guard let value = Int64(digits) else { return nil }
        return value.multipliedReportingOverflow(by: factor).overflow ? nil : value * factor
    }
}
