/// The rule every account format shares for user ids (RFC 5321 local-part length, a safe alphabet).
public enum UserID {
    public static let maximumLength = 64

    /// Why `id` is not an acceptable user id, or nil when it is.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "empty user id" }
        let bytes = Array(id.utf8)
        if bytes.count > maximumLength {
            return "user id '\(printable(id))' is longer than \(maximumLength) characters"
        }
        if let first = bytes.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "-") || first == UInt8(ascii: "~") {
            return "user id '\(printable(id))' must not start with '\(Character(UnicodeScalar(first)))'"
        }
        for scalar in id.unicodeScalars where !(scalar.isASCII && isAllowed(UInt8(scalar.value))) {
            return "user id '\(printable(id))' contains '\(printable(String(scalar)))'; "
                + "only ASCII letters, digits, '.', '-' and '_' are allowed"
        }
        return nil
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// How much of an input value a message quotes: a megabyte-long line must not become a megabyte-long error.
    public static let quotedLength = 100

    /// Control characters (NUL among them) shown escaped, and the text cut to `quotedLength` characters, so an
    /// error message stays one short readable line.
    public static func printable(_ text: String) -> String {
        var out = ""
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset == quotedLength {
                out += "…"
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
