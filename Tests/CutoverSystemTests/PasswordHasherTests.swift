import CutoverSystem
import Testing

@Suite struct PasswordHasherTests {
    let hasher = CryptPasswordHasher()

    /// A fresh hash has Dovecot's form with a 16-character salt, verifies, and differs each time (random salt).
    @Test(arguments: PasswordScheme.allCases)
    func hashThenVerify(scheme: PasswordScheme) throws {
        let stored = try hasher.hash("correct horse", scheme: scheme)
        let prefix = scheme == .sha512Crypt ? "{SHA512-CRYPT}$6$" : "{SHA256-CRYPT}$5$"
        #expect(stored.hasPrefix(prefix))
        let parts = stored.dropFirst(prefix.count).split(separator: "$")
        #expect(parts.count == 2 && parts[0].count == 16)
        #expect(hasher.verify("correct horse", against: stored) == true)
        #expect(hasher.verify("correct horsf", against: stored) == false)
        #expect(try hasher.hash("correct horse", scheme: scheme) != stored)
    }

    /// Known vectors (glibc's documented SHA-512 one; others from OpenSSL and OpenBSD's bcrypt tests) verify,
    /// with or without a scheme prefix, scheme names in any case.
    @Test func knownVectors() {
        let sha512 = "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFd"
            + "cbYEdFCoEOfaS35inz1"
        #expect(hasher.verify("Hello world!", against: "{SHA512-CRYPT}" + sha512) == true)
        #expect(hasher.verify("Hello world!", against: "{sha512-crypt}" + sha512) == true)
        #expect(hasher.verify("Hello world!", against: sha512) == true)
        #expect(hasher.verify("Hello world!", against: "{CRYPT}" + sha512) == true)
        #expect(hasher.verify("Hello world?", against: "{SHA512-CRYPT}" + sha512) == false)
        let sha256 = "{SHA256-CRYPT}$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"
        #expect(hasher.verify("Hello world!", against: sha256) == true)
        #expect(hasher.verify("secret", against: "{MD5-CRYPT}$1$saltsalt$9xy1btjgzLYfb7hivXtC//") == true)
        let bcrypt = "{BLF-CRYPT}$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"
        #expect(hasher.verify("U*U", against: bcrypt) == true)
    }

    /// Plain-text schemes compare by equality.
    @Test func plainSchemes() {
        #expect(hasher.verify("s3cret", against: "{PLAIN}s3cret") == true)
        #expect(hasher.verify("s3cret", against: "{plain}s3cret") == true)
        #expect(hasher.verify("s3cret", against: "{CLEARTEXT}s3cret") == true)
        #expect(hasher.verify("s3cret", against: "{PLAIN}s3cret ") == false)
        #expect(hasher.verify("", against: "{PLAIN}") == true)
    }

    /// Schemes it cannot check are nil ("cannot verify"), not false.
    @Test func unknownSchemes() {
        #expect(hasher.verify("x", against: "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=") == nil)
        #expect(hasher.verify("x", against: "{SHA512-CRYPT}") == nil)
        #expect(hasher.verify("x", against: "no-scheme-at-all") == nil)
    }

    /// A password that crypt cannot take is an error that does not repeat the password.
    @Test func errorsNeverHoldThePlaintext() {
        let error = #expect(throws: PasswordHashingFailed.self) {
            try hasher.hash("abc\u{0}topsecret", scheme: .sha512Crypt)
        }
        #expect(error.map { !$0.description.contains("topsecret") } == true)
    }

    /// Hashing from many threads at once is safe (each call has its own crypt_data).
    @Test func concurrentHashing() async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let hasher = CryptPasswordHasher()
                    let stored = try hasher.hash("password \(index)", scheme: .sha512Crypt)
                    return hasher.verify("password \(index)", against: stored) == true
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
