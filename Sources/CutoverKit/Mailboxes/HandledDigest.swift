import CutoverFormats

/// A message digest as the ledger's handled sets keep it: a SHA-256 in lowercase hex (every digest this tool
/// writes) as its 32 bytes, anything else as it is spelled. A ledger holds a line per message for days, and the
/// sets of a store of hundreds of thousands of messages are rebuilt on every pass that lists an account: 32 bytes
/// in place cost no allocation, and hash in a quarter of the time of a 64-character string.
enum HandledDigest: Hashable, Sendable {
    case sha256(UInt64, UInt64, UInt64, UInt64)
    case spelled(String)

    init(_ digest: String) {
        var digest = digest
        self = digest.withUTF8 { Self(utf8: ArraySlice($0)) } ?? .spelled(digest)
    }

    /// From the digest's bytes in a line; a string is made only when it is no SHA-256 in lowercase hex.
    init(_ bytes: ArraySlice<UInt8>) {
        self = Self(utf8: bytes) ?? .spelled(String(decoding: bytes, as: UTF8.self))
    }

    private init?(utf8 bytes: ArraySlice<UInt8>) {
        guard bytes.count == 64 else { return nil }
        let parsed = bytes.withUnsafeBufferPointer { hex in
            Self.nibbles.withUnsafeBufferPointer { nibbles -> (UInt64, UInt64, UInt64, UInt64)? in
                func word(_ start: Int) -> UInt64? {
                    var value: UInt64 = 0
                    for index in start..<(start + 16) {
                        let nibble = nibbles[Int(hex[index])]
                        guard nibble < 16 else { return nil }
                        value = value << 4 | UInt64(nibble)
                    }
                    return value
                }
                guard let first = word(0), let second = word(16), let third = word(32), let fourth = word(48)
                else { return nil }
                return (first, second, third, fourth)
            }
        }
        guard let parsed else { return nil }
        self = .sha256(parsed.0, parsed.1, parsed.2, parsed.3)
    }

    /// Each byte's value as a lowercase hex digit, 255 for any other byte (an uppercase spelling is another
    /// string, and stays one).
    private static let nibbles: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        default: 255
        }
    }
}
