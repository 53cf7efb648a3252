/// Whether a `{SCHEME}value` password is a well-formed stored hash of that scheme. An import list's password is
/// written to the index as it is only when this holds; anything else (`{2024}Summer!`) is a plaintext password.
public enum StoredPasswordSyntax {
    /// The upper-cased scheme and the value of `{SCHEME}value`, or nil when `password` is not in that form.
    public static func split(_ password: String) -> (scheme: String, value: String)? {
        guard password.hasPrefix("{"), let close = password.firstIndex(of: "}") else { return nil }
        let scheme = password[password.index(after: password.startIndex)..<close]
        guard !scheme.isEmpty else { return nil }
        return (scheme.uppercased(), String(password[password.index(after: close)...]))
    }

    /// True when `password` is `{SCHEME}value` with a scheme among `allowed` (upper case) whose value parses as
    /// that scheme's crypt(3) string. Plaintext schemes (`PLAIN`, `CLEARTEXT`) never count as hashed.
    public static func isHashed(_ password: String, allowed: Set<String>) -> Bool {
        guard let (scheme, value) = split(password), allowed.contains(scheme) else { return false }
        let bytes = Array(value.utf8)
        switch scheme {
        case "SHA512-CRYPT": return isSHACrypt(bytes, id: "6", digestLength: 86)
        case "SHA256-CRYPT": return isSHACrypt(bytes, id: "5", digestLength: 43)
        case "MD5-CRYPT": return isMD5Crypt(bytes)
        case "BLF-CRYPT": return isBcrypt(bytes)
        case "CRYPT": return bytes.count == 13 && bytes.allSatisfy(isCryptCharacter)
        default: return false
        }
    }

    /// `$6$[rounds=N$]salt$digest`: salt of up to 16 crypt characters, digest of exactly `digestLength`.
    private static func isSHACrypt(_ bytes: [UInt8], id: String, digestLength: Int) -> Bool {
        var fields = bytes.split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false).map(Array.init)
        guard fields.count >= 4, fields[0].isEmpty, fields[1] == Array(id.utf8) else { return false }
        fields.removeFirst(2)
        if fields.count == 3 {
            let rounds = fields.removeFirst()
            guard rounds.starts(with: Array("rounds=".utf8)), rounds.count > 7, rounds.count <= 7 + 9,
                  rounds.dropFirst(7).allSatisfy(isDigit) else { return false }
        }
        guard fields.count == 2 else { return false }
        return fields[0].count <= 16 && fields[0].allSatisfy(isCryptCharacter)
            && fields[1].count == digestLength && fields[1].allSatisfy(isCryptCharacter)
    }

    /// `$1$salt$digest`: salt of up to 8 crypt characters, digest of 22.
    private static func isMD5Crypt(_ bytes: [UInt8]) -> Bool {
        let fields = bytes.split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false)
        return fields.count == 4 && fields[0].isEmpty && Array(fields[1]) == [UInt8(ascii: "1")]
            && fields[2].count <= 8 && fields[2].allSatisfy(isCryptCharacter)
            && fields[3].count == 22 && fields[3].allSatisfy(isCryptCharacter)
    }

    /// `$2b$NN$` and 53 characters (22 of salt, 31 of digest); `2a` and `2y` are the same format.
    private static func isBcrypt(_ bytes: [UInt8]) -> Bool {
        let fields = bytes.split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false)
        let versions: [[UInt8]] = [Array("2a".utf8), Array("2b".utf8), Array("2y".utf8)]
        return fields.count == 4 && fields[0].isEmpty && versions.contains(Array(fields[1]))
            && fields[2].count == 2 && fields[2].allSatisfy(isDigit)
            && fields[3].count == 53 && fields[3].allSatisfy(isCryptCharacter)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// crypt(3)'s alphabet: `./0-9A-Za-z`.
    private static func isCryptCharacter(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}
