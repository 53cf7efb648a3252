/// JSON text exactly as `JSONEncoder` (with `.withoutEscapingSlashes`) writes it, byte for byte, for lines written
/// by the hundred thousand inside the downtime (snapshot manifests), where an encoder costs microseconds a line.
/// The tests hold it to the encoder's own output.
public enum JSONText {
    /// `text` quoted: `"` and `\` escaped, the control characters as `\b \t \n \f \r` or `\u00xx`, the rest as is.
    public static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `prefix + text`, quoted as `string` quotes it, to `bytes`.
    public static func appendString(_ text: String, prefix: String = "", to bytes: inout [UInt8]) {
        bytes.append(quote)
        appendEscaped(prefix, to: &bytes)
        appendEscaped(text, to: &bytes)
        bytes.append(quote)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == quote || $0 == backslash }) else {
            return bytes.append(contentsOf: text.utf8)
        }
        for byte in text.utf8 { appendEscaped(byte, to: &bytes) }
    }

    private static func appendEscaped(_ byte: UInt8, to bytes: inout [UInt8]) {
        switch byte {
        case quote, backslash: bytes += [backslash, byte]
        case 0x08: bytes += [backslash, UInt8(ascii: "b")]
        case 0x09: bytes += [backslash, UInt8(ascii: "t")]
        case 0x0a: bytes += [backslash, UInt8(ascii: "n")]
        case 0x0c: bytes += [backslash, UInt8(ascii: "f")]
        case 0x0d: bytes += [backslash, UInt8(ascii: "r")]
        case ..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes += [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                      hex[Int(byte & 0xf)]]
        default: bytes.append(byte)
        }
    }

    /// A finite number: Swift's shortest round-trip form, without the ".0" of a whole number.
    public static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
