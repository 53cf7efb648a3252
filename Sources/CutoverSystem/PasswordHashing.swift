/// Hashing and checking Dovecot passwords. The live implementation is `CryptPasswordHasher`.
/// Implementations never log a plaintext or put one into an error.
public protocol PasswordHashing: Sendable {
    /// "{SHA512-CRYPT}$6$<16-char salt>$..." — salt from crypt_gensalt_rn with NULL random bytes (libxcrypt reads
    /// the OS RNG) and the scheme's default cost (rounds 0 = default 5000).
    func hash(_ plaintext: String, scheme: PasswordScheme) throws -> String
    /// Does `plaintext` match the stored Dovecot password field? Handles "{SHA512-CRYPT}", "{SHA256-CRYPT}",
    /// "{MD5-CRYPT}", "{BLF-CRYPT}", "{CRYPT}" and a bare "$6$..."-style crypt string via crypt_r (compare the full
    /// result), and "{PLAIN}"/"{CLEARTEXT}" by equality (case-insensitive scheme names). Returns nil when the scheme
    /// is unknown (e.g. {SSHA}), so the caller can treat it as "cannot verify".
    func verify(_ plaintext: String, against stored: String) -> Bool?
}
