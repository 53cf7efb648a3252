/// The password schemes cutover hashes new passwords with, named as Dovecot names them.
public enum PasswordScheme: String, Sendable, CaseIterable {
    case sha512Crypt = "SHA512-CRYPT"
    case sha256Crypt = "SHA256-CRYPT"

    /// The crypt(3) prefix that selects the algorithm.
    var cryptPrefix: String {
        switch self {
        case .sha512Crypt: "$6$"
        case .sha256Crypt: "$5$"
        }
    }
}
