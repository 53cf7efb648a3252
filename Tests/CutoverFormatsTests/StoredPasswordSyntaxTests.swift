import CutoverFormats
import Testing

@Suite("stored password syntax")
struct StoredPasswordSyntaxTests {
    static let allowed: Set<String> = ["SHA512-CRYPT", "SHA256-CRYPT", "MD5-CRYPT", "BLF-CRYPT", "CRYPT"]
    static func digest(_ count: Int) -> String { String(repeating: "aB3./", count: count).prefix(count).description }

    /// Each known crypt scheme is recognised in its exact shape: prefix, optional rounds, salt and digest lengths.
    @Test func wellFormedHashesOfEachScheme() {
        for hashed in ["{SHA512-CRYPT}$6$saltsalt$" + Self.digest(86), "{SHA512-CRYPT}$6$rounds=656000$s$" + Self.digest(86),
                       "{sha512-crypt}$6$$" + Self.digest(86), "{SHA256-CRYPT}$5$0123456789abcdef$" + Self.digest(43),
                       "{MD5-CRYPT}$1$12345678$" + Self.digest(22), "{BLF-CRYPT}$2y$10$" + Self.digest(53),
                       "{CRYPT}" + Self.digest(13)] {
            #expect(StoredPasswordSyntax.isHashed(hashed, allowed: Self.allowed), "\(hashed)")
        }
    }

    /// Brace-looking plaintext, plaintext schemes, schemes the plan does not allow and damaged values are not hashes.
    @Test func everythingElseIsPlaintext() {
        for plaintext in ["{2024}Summer!", "{Secr}3t", "{PLAIN}pw", "{CLEARTEXT}pw", "{}x", "{SHA512-CRYPT}",
                          "{SHA512-CRYPT}$6$salt$" + Self.digest(85), "{SHA512-CRYPT}$6$salt$" + Self.digest(87),
                          "{SHA512-CRYPT}$6$saltsaltsaltsalt1$" + Self.digest(86),
                          "{SHA512-CRYPT}$6$sa:t$" + Self.digest(86), "{SHA512-CRYPT}$5$salt$" + Self.digest(86),
                          "{SHA512-CRYPT}$6$rounds=x$s$" + Self.digest(86), "{SHA256-CRYPT}$5$s$" + Self.digest(86),
                          "{BLF-CRYPT}$2x$10$" + Self.digest(53), "{CRYPT}" + Self.digest(12), "$6$s$" + Self.digest(86)] {
            #expect(!StoredPasswordSyntax.isHashed(plaintext, allowed: Self.allowed), "\(plaintext)")
        }
        #expect(!StoredPasswordSyntax.isHashed("{MD5-CRYPT}$1$12345678$" + Self.digest(22), allowed: ["SHA512-CRYPT"]))
    }
}
