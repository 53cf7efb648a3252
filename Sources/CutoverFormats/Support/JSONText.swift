/// JSON text exactly as `JSONEncoder` (with `.withoutEscapingSlashes`) writes it, byte for byte, for lines written
/// by the hundred thousand inside the downtime (snapshot manifests), where an encoder costs microseconds a line.
/// The tests hold it to the encoder's own output.
public enum JSONText {
    /// `text` quoted: `"` and `\` escaped, the control characters as `\b \t \n \f \r` or `\u00xx`, the rest as is.
    public static func string(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{8}": result += "\\b"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\u{c}": result += "\\f"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A finite number: Swift's shortest round-trip form, without the ".0" of a whole number.
    public static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
