import CutoverFormats
import Glibc

/// Reads a mirror record line by line, front to back, in pieces (a record of a million files never sits in
/// memory whole). A line stays valid until `advance`.
final class MirrorRecordReader {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Where the current line starts in `buffer`, and the line once found.
    private var start = 0
    private var current: MirrorRecordLine?
    private var atEnd = false

    /// Nil when there is no record at `path`, or one of another version (an update then starts afresh).
    init?(_ path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            guard errno == ENOENT else { throw SystemError("read", path) }
            return nil
        }
        self.fd = fd
        buffer.reserveCapacity(Self.piece * 2)
        guard let first = try peek(), first.bytes.elementsEqual(MirrorRecordLine.header.utf8) else { return nil }
        advance()
    }

    deinit { Syscall.closeQuietly(fd) }

    /// The current line; nil at the end of the record.
    func peek() throws -> MirrorRecordLine? {
        if let current { return current }
        while true {
            if let newline = Self.newline(in: buffer, from: start) {
                current = MirrorRecordLine(bytes: buffer[start..<newline])
                return current
            }
            guard !atEnd else {
                // A last line without its newline is a record cut short: not to be trusted.
                guard start == buffer.count else { throw DamagedMirrorRecord(path: path) }
                return nil
            }
            try refill()
        }
    }

    /// Moves past the current line.
    func advance() {
        guard let current else { return }
        start = current.bytes.endIndex + 1
        self.current = nil
    }

    private static let piece = 1 << 20

    private static func newline(in buffer: [UInt8], from start: Int) -> Int? {
        start < buffer.count ? buffer[start...].fastFirstIndex(of: UInt8(ascii: "\n")) : nil
    }

    private func refill() throws {
        buffer.removeSubrange(..<start)
        start = 0
        let count = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.piece))
        let got = try buffer.withUnsafeMutableBytes { raw in
            try Syscall.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[count...]), path: path)
        }
        buffer.removeSubrange((count + got)...)
        if got == 0 { atEnd = true }
    }
}
