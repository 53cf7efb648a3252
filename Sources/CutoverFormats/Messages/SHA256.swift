/// SHA-256 (FIPS 180-4), written out by hand: Linux has no CryptoKit and the package takes no dependencies.
///
/// Feed bytes with `update` in chunks of any size, then call `finalize()` once; the hasher is spent after that.
public struct SHA256: Sendable {
    private var state: State = .initial
    /// Bytes of an unfinished block, waiting for the rest of it (a tuple, so the hasher allocates nothing).
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var byteCount: UInt64 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress.map({ UnsafeRawBufferPointer(start: $0, count: bytes.count) }),
              !input.isEmpty else { return }
        byteCount &+= UInt64(input.count)
        if pendingCount > 0 {
            let take = min(64 - pendingCount, input.count)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.advanced(by: offset).copyMemory(from: input.baseAddress!, byteCount: take)
            }
            pendingCount += take
            input = UnsafeRawBufferPointer(rebasing: input[take...])
            guard pendingCount == 64 else { return }
            let block = pending
            withUnsafeBytes(of: block) { Self.compress(&state, blocks: $0) }
            pendingCount = 0
        }
        let whole = input.count & ~63
        if whole > 0 { Self.compress(&state, blocks: UnsafeRawBufferPointer(rebasing: input[..<whole])) }
        let rest = input.count - whole
        if rest > 0 {
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: input.baseAddress!.advanced(by: whole), byteCount: rest)
            }
            pendingCount = rest
        }
    }

    /// Convenience for arrays, slices and other byte collections (contiguous ones are not copied).
    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// The 32-byte digest of everything passed to `update`.
    public mutating func finalize() -> [UInt8] {
        let bitCount = byteCount &* 8
        // Padding: 0x80, zeros up to 56 bytes into a block, then the message length in bits, big-endian.
        var padding = [UInt8](repeating: 0, count: pendingCount < 56 ? 64 - pendingCount : 128 - pendingCount)
        padding[0] = 0x80
        for index in 0..<8 { padding[padding.count - 1 - index] = UInt8(truncatingIfNeeded: bitCount >> (8 * index)) }
        update(padding)
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state.words {
            digest += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                       UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return digest
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func hexDigest<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hex(hasher.finalize())
    }

    /// Lower-case hex of `digest`.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
