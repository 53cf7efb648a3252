/// Splits mbox files (mboxo and mboxrd, whose writers quote body lines that start with "From ").
public enum Mbox {
    /// Byte ranges of each message in an mboxrd/mboxo file: a message starts at a line beginning "From " that is at
    /// the start of the file or follows an empty line. The range covers from the "From " line up to (not including)
    /// the next message's "From " line.
    ///
    /// Bytes before the first such line belong to no message. An empty line may end in CRLF.
    public static func messageRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var starts: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            let from: [UInt8] = Array("From ".utf8)
            var lineStart = 0
            var previousLineEmpty = true
            while lineStart < buffer.count {
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let length = lineEnd - lineStart
                if previousLineEmpty, length >= from.count,
                   UnsafeBufferPointer(rebasing: buffer[lineStart..<(lineStart + from.count)]).elementsEqual(from) {
                    starts.append(lineStart)
                }
                previousLineEmpty = length == 0 || (length == 1 && buffer[lineStart] == UInt8(ascii: "\r"))
                lineStart = lineEnd + 1
            }
        }
        return zip(starts, starts.dropFirst() + [bytes.count]).map { $0..<$1 }
    }
}
