import Testing
import CutoverFormats

@Suite("SHA256")
struct SHA256Tests {
    static let vectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
         + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    /// The NIST FIPS 180-4 example messages hash to their published digests.
    @Test func nistVectors() {
        for (message, digest) in Self.vectors {
            #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
            #expect(SHA256.hexDigest(message.utf8) == digest)
        }
    }

    /// One million 'a' (NIST's long message), fed in 1000-byte updates.
    @Test func oneMillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Splitting the input into chunks of odd sizes, across block and padding boundaries, changes nothing.
    @Test(arguments: [1, 3, 7, 55, 56, 63, 64, 65, 127, 200])
    func chunkedUpdates(chunkSize: Int) {
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var hasher = SHA256()
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunkSize, bytes.count)
                bytes[offset..<end].withUnsafeBytes { hasher.update($0) }
                offset = end
            }
            #expect(SHA256.hex(hasher.finalize()) == SHA256.hexDigest(bytes), "length \(length)")
        }
    }

    /// Non-contiguous collections are hashed like their bytes in an array.
    @Test func nonContiguousCollection() {
        let lazy = (0..<300).lazy.map { UInt8(truncatingIfNeeded: $0) }
        #expect(SHA256.hexDigest(lazy) == SHA256.hexDigest(Array(lazy)))
    }

    /// An empty buffer is a no-op, even one without a base address.
    @Test func emptyUpdates() {
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        hasher.update([UInt8]())
        hasher.update(Array("abc".utf8))
        #expect(SHA256.hex(hasher.finalize()) == Self.vectors[1].digest)
    }

    /// The digest is 32 bytes and hex renders lower case, two digits a byte.
    @Test func digestShape() {
        var hasher = SHA256()
        #expect(hasher.finalize().count == 32)
        #expect(SHA256.hex([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
    }
}
