/// A file that should hold UTF-8 text does not; says where, so the administrator can find and fix the bytes.
public struct InvalidText: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based line of the first invalid byte.
    public var line: Int
    /// 0-based offset of the first invalid byte in the file.
    public var byteOffset: Int

    public init(path: String, line: Int, byteOffset: Int) {
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
    }

    /// Locates the first invalid UTF-8 sequence in `bytes` (which must contain one).
    init(path: String, bytes: [UInt8]) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        scan: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error, .emptyInput: break scan
            }
        }
        let line = 1 + bytes[..<min(offset, bytes.count)].lazy.filter { $0 == UInt8(ascii: "\n") }.count
        self.init(path: path, line: line, byteOffset: offset)
    }

    public var description: String {
        "\(path) line \(line) is not valid UTF-8 (byte offset \(byteOffset)); save the file as UTF-8"
    }
}
