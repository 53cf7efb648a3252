import CutoverFormats
import Foundation
import Testing

@Suite("JSONText")
struct JSONTextTests {
    private static let encoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// What the encoder writes for `value` alone (inside an array, brackets dropped).
    private static func encoded(_ value: some Encodable) throws -> String {
        String(String(decoding: try encoder.encode([value]), as: UTF8.self).dropFirst().dropLast())
    }

    /// Every control character, quotes, backslashes, slashes and text beyond ASCII come out as the encoder writes
    /// them: every string of up to two of them, and each of them inside longer text.
    @Test func stringsMatchTheEncoder() throws {
        let alphabet = (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }
            + ["\"", "\\", "/", "a", "Z", "0", ":", ",", "{", "\u{7f}", "é", "日", "\u{2028}", "🦉", " "]
        var texts = [""] + alphabet.map { String($0) }
        texts += alphabet.flatMap { first in alphabet.map { String(first) + String($0) } }
        texts += alphabet.map { "mailboxes/example.jp/al" + String($0) + "ice/cur/17.M1:2,S" }
        for text in texts {
            #expect(JSONText.string(text) == (try Self.encoded(text)), "\(Array(text.unicodeScalars))")
        }
    }

    /// Whole numbers, fractions, nanosecond modification times, exponents and negative numbers alike.
    @Test func numbersMatchTheEncoder() throws {
        var values: [Double] = [0, 1, -1.5, 0.0001, 1e-7, 1e15 + 0.5, 1e16, 1e17, 1.2345678901234568e20,
                                1_700_000_000, 1_764_488_596.123456789, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        // Spread deterministically: nanosecond times of this century, and bit patterns of every magnitude.
        for step in UInt64(1)...5000 {
            let mixed = step &* 0x9E37_79B9_7F4A_7C15
            values.append(1_600_000_000 + Double(mixed % 200_000_000) + Double(mixed % 1_000_000_007) / 1e9)
            values.append(Double(bitPattern: mixed & 0x7fef_ffff_ffff_ffff))
        }
        for value in values {
            #expect(JSONText.number(value) == (try Self.encoded(value)), "\(value)")
        }
    }
}
