import CutoverFormats
import Foundation

/// `--expect-fingerprint` did not match: the world changed since the preview the operator approved.
public struct FingerprintMismatch: Error, Sendable, CustomStringConvertible {
    public var expected: String
    public var actual: String

    public var description: String {
        "the world changed since the preview (fingerprint now \(actual), expected \(expected)); nothing was changed"
    }
}

enum Fingerprint {
    /// The previewed steps (outcome and every action) plus the inputs the steps declare.
    static func of(_ results: [RunReport.StepResult], inputs: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = ((try? encoder.encode(results)) ?? Data()) + Data(inputs.joined(separator: "\n").utf8)
        return String(SHA256.hexDigest(Array(bytes)).prefix(16))
    }
}
