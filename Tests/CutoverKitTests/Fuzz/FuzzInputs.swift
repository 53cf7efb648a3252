import CutoverTestSupport

/// Generated hostile inputs for one parser, from a fixed seed: random bytes over an alphabet of the characters
/// parsers split on, truncations of valid samples, and samples mutated with NUL, CR LF, a byte order mark, invalid
/// UTF-8, deletions, repeats and (rarely, they are large) lines over 64 KB.
struct FuzzInputs {
    private var random: SplitMix64
    private let samples: [[UInt8]]

    init(seed: UInt64, samples: [String]) {
        random = SplitMix64(seed: seed)
        self.samples = samples.map { Array($0.utf8) }
    }

    static let alphabet: [UInt8] = Array("azAZ09.-_~@:,;#{}[]\"\\$%/ \t\r\n\n\n=<>".utf8) + [0, 0x7F, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]

    static let tokens: [[UInt8]] = [[0], [0x0D, 0x0A], [0x0A], [0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xED, 0xA0, 0x80],
                                    Array(",".utf8), Array(":".utf8), Array("{".utf8), Array("}".utf8), Array("\"".utf8),
                                    Array("$6$".utf8), Array("@".utf8), Array("# ".utf8), Array("\\u0000".utf8),
                                    Array("From ".utf8), Array("\n\n".utf8), Array("-1".utf8), Array("1e309".utf8)]

    mutating func next() -> [UInt8] {
        switch random.below(10) {
        case 0, 1, 2: return randomBytes()
        case 3, 4:
            let sample = samples[random.below(samples.count)]
            return Array(sample.prefix(random.below(sample.count + 1)))
        default: return mutated(samples[random.below(samples.count)])
        }
    }

    private mutating func randomBytes() -> [UInt8] {
        (0..<random.below(160)).map { _ in
            random.below(8) == 0 ? UInt8(truncatingIfNeeded: random.next()) : Self.alphabet[random.below(Self.alphabet.count)]
        }
    }

    private mutating func mutated(_ sample: [UInt8]) -> [UInt8] {
        var bytes = sample
        for _ in 0..<(1 + random.below(6)) {
            let at = random.below(bytes.count + 1)
            switch random.below(6) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.insert(contentsOf: Self.tokens[random.below(Self.tokens.count)], at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + random.below(20)))
            case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + random.below(40))], at: at)
            case 4 where random.below(400) == 0: bytes.insert(contentsOf: repeatElement(UInt8(ascii: "x"), count: 70_000), at: at)
            default: bytes.insert(Self.alphabet[random.below(Self.alphabet.count)], at: at)
            }
        }
        return bytes
    }
}
