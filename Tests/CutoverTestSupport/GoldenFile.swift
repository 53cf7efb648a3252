import Foundation

/// Text pinned in a file beside the test (`__Snapshots__/NAME`). With `RECORD_SNAPSHOTS=1` the file is written
/// anew and the comparison still fails, so a re-record is never silent.
public enum GoldenFile {
    /// Nil when `actual` equals the pinned text; otherwise what differs (or that it was recorded).
    public static func mismatch(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let folder = (testFile as NSString).deletingLastPathComponent + "/__Snapshots__"
        let path = folder + "/" + name
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return "recorded \(path); unset RECORD_SNAPSHOTS and run again"
        }
        guard let pinned = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "no golden file \(path); run with RECORD_SNAPSHOTS=1 to record it"
        }
        guard pinned != actual else { return nil }
        let want = pinned.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
        return "\(path) differs at line \(line + 1):\n  pinned: \(line < want.count ? String(want[line]) : "(end)")\n"
            + "  actual: \(line < got.count ? String(got[line]) : "(end)")"
    }
}
