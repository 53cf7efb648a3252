import Foundation

/// Golden files: expected output kept beside the test, in `__Snapshots__/<name>`. With `RECORD_SNAPSHOTS=1` in
/// the environment the file is (re)written and the check still fails, so a re-record is never silent: run the
/// test again without the variable to see it pass.
public enum GoldenFile {
    /// Throws when `actual` differs from the golden file `name` (or it is missing), naming the first line that
    /// differs; with `RECORD_SNAPSHOTS=1`, writes `actual` there and throws to say it did.
    public static func verify(_ actual: String, named name: String, testFile: String = #filePath) throws {
        let folder = (testFile as NSString).deletingLastPathComponent + "/__Snapshots__"
        let path = folder + "/" + name
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            throw GoldenFileMismatch(description: "recorded \(path); run again without RECORD_SNAPSHOTS=1")
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw GoldenFileMismatch(description: "no golden file \(path); run with RECORD_SNAPSHOTS=1 to record it")
        }
        guard expected != actual else { return }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
        throw GoldenFileMismatch(description: "\(path) differs at line \(line + 1):\n  expected: "
            + (line < want.count ? String(want[line]) : "(end of file)") + "\n  actual:   "
            + (line < got.count ? String(got[line]) : "(end of file)")
            + "\nRe-record with RECORD_SNAPSHOTS=1 if the change is intended.")
    }
}

/// The output does not match its golden file, or the golden file was just recorded.
public struct GoldenFileMismatch: Error, CustomStringConvertible {
    public var description: String
}
