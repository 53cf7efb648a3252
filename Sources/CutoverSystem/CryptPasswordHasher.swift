import CCrypt
import Glibc

/// Dovecot-compatible password hashing and checking with libxcrypt's crypt_r, exactly as Dovecot itself checks.
public struct CryptPasswordHasher: PasswordHashing {
    /// Schemes whose stored value is a crypt(3) string, as Dovecot names them.
    private static let cryptSchemes: Set<String> = ["SHA512-CRYPT", "SHA256-CRYPT", "MD5-CRYPT", "BLF-CRYPT", "CRYPT"]
    private static let plainSchemes: Set<String> = ["PLAIN", "CLEARTEXT"]

    public init() {}

    public func hash(_ plaintext: String, scheme: PasswordScheme) throws -> String {
        guard !plaintext.utf8.contains(0) else {
            throw PasswordHashingFailed(scheme: scheme.rawValue, reason: "the password contains a NUL character")
        }
        var salt = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        // No random bytes given: libxcrypt draws them from the OS RNG. Count 0 picks the scheme's default cost.
        guard crypt_gensalt_rn(scheme.cryptPrefix, 0, nil, 0, &salt, Int32(salt.count)) != nil else {
            throw PasswordHashingFailed(scheme: scheme.rawValue, reason: "no salt: \(String(cString: strerror(errno)))")
        }
        let setting = salt.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard let hashed = Self.crypt(plaintext, setting: setting) else {
            throw PasswordHashingFailed(scheme: scheme.rawValue, reason: "libcrypt does not support it")
        }
        return "{\(scheme.rawValue)}" + hashed
    }

    public func verify(_ plaintext: String, against stored: String) -> Bool? {
        let (scheme, value) = Self.split(stored)
        if let scheme, Self.plainSchemes.contains(scheme) { return Self.constantTimeEqual(plaintext, value) }
        // Without braces only a crypt string ("$6$...") is recognisable; anything else could be any scheme.
        guard scheme.map(Self.cryptSchemes.contains) ?? value.hasPrefix("$") else { return nil }
        guard !plaintext.utf8.contains(0) else { return false }
        // A stored string crypt cannot process (algorithm disabled in this libcrypt, damaged field) is
        // "cannot verify", not "wrong password".
        guard let computed = Self.crypt(plaintext, setting: value) else { return nil }
        return Self.constantTimeEqual(computed, value)
    }

    /// "{SCHEME}value" → (upper-cased scheme, value); no braces → (nil, whole string).
    private static func split(_ stored: String) -> (scheme: String?, value: String) {
        guard stored.hasPrefix("{"), let close = stored.firstIndex(of: "}") else { return (nil, stored) }
        let name = stored[stored.index(after: stored.startIndex)..<close].uppercased()
        return (name, String(stored[stored.index(after: close)...]))
    }

    /// crypt_r with a zeroed heap `crypt_data` of its own (about 32 KiB, too big for the stack, and per call so
    /// threads never share one); nil when libcrypt returns its failure token.
    private static func crypt(_ phrase: String, setting: String) -> String? {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        let size = MemoryLayout<crypt_data>.size
        memset(data, 0, size)
        defer {
            // It held the plaintext's derived state; do not hand that back to the allocator.
            memset(data, 0, size)
            data.deallocate()
        }
        guard let result = crypt_r(phrase, setting, data), result.pointee != CChar(UInt8(ascii: "*")) else {
            return nil
        }
        return String(cString: result)
    }

    /// Equality whose time does not depend on where the strings first differ.
    private static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0 && a.count == b.count
    }
}
