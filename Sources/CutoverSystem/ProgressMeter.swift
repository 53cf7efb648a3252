import Foundation

/// One line on a terminal's stderr, redrawn in place at most five times a second: files and bytes done of the
/// total, the rate, and the time left. Used only when stderr is a terminal; never on stdout.
public final class ProgressMeter: @unchecked Sendable {
    private let label: String
    private let totalFiles: Int
    private let totalBytes: Int64
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var files = 0
    private var bytes: Int64 = 0
    private let lock = NSLock()

    public init(label: String, totalFiles: Int, totalBytes: Int64) {
        self.label = label
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
    }

    /// Is stderr a terminal a person watches?
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    public func advance(files: Int = 1, bytes: Int64) {
        lock.withLock {
            self.files += files
            self.bytes += bytes
            let now = Date()
            guard now.timeIntervalSince(lastDrawn) >= 0.2 else { return }
            lastDrawn = now
            draw(now)
        }
    }

    /// Clears the line, so what is printed next starts clean.
    public func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(_ now: Date) {
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(bytes) / seconds
        let left = rate > 0 ? Double(max(totalBytes - bytes, 0)) / rate : 0
        let line = "\r\u{1B}[K\(label): \(files)/\(totalFiles) files, \(Self.megabytes(bytes))/\(Self.megabytes(totalBytes)) MB, "
            + "\(Self.megabytes(Int64(rate))) MB/s, about \(Int(left.rounded())) s left"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
}
