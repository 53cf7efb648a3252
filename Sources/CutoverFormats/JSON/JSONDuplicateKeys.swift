/// Finds keys written twice in one JSON object. Foundation's parser silently keeps one of them, so a plan with
/// `"root"` twice would run with whichever it chose; this scan reads the raw bytes to refuse that instead.
///
/// It expects text a JSON parser has already accepted; on anything else it stops without a finding.
public enum JSONDuplicateKeys {
    public struct Duplicate: Sendable, Equatable {
        /// The key's full path, `accounts.index.path` or `services[1].name`.
        public var keyPath: String
        /// 1-based lines of the first and the repeated occurrence.
        public var firstLine: Int
        public var line: Int

        public init(keyPath: String, firstLine: Int, line: Int) {
            self.keyPath = keyPath
            self.firstLine = firstLine
            self.line = line
        }
    }

    public static func find(in bytes: [UInt8]) -> [Duplicate] {
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    private enum Container {
        case object(path: String, seen: [String: Int], pendingKey: String?)
        case array(path: String, index: Int)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var stack: [Container] = []
        var found: [Duplicate] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> [Duplicate] {
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\n"): line += 1; position += 1
                case UInt8(ascii: "{"): stack.append(.object(path: valuePath(), seen: [:], pendingKey: nil)); position += 1
                case UInt8(ascii: "["): stack.append(.array(path: valuePath(), index: 0)); position += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast(); position += 1
                case UInt8(ascii: ","): nextElement(); position += 1
                case UInt8(ascii: "\""):
                    guard let text = string() else { return found }
                    if case .object(let path, var seen, nil) = stack.last {
                        // An object with no pending key is waiting for one: this string is it.
                        let keyPath = path.isEmpty ? text : path + "." + text
                        if let first = seen[text] {
                            found.append(Duplicate(keyPath: keyPath, firstLine: first, line: line))
                        } else {
                            seen[text] = line
                        }
                        stack[stack.count - 1] = .object(path: path, seen: seen, pendingKey: text)
                    }
                default: position += 1
                }
            }
            return found
        }

        /// The path of the value about to start: the pending key of an object, or the current index of an array.
        private func valuePath() -> String {
            switch stack.last {
            case .object(let path, _, let key?): return path.isEmpty ? key : path + "." + key
            case .array(let path, let index): return path + "[\(index)]"
            default: return ""
            }
        }

        private mutating func nextElement() {
            switch stack.last {
            case .object(let path, let seen, _): stack[stack.count - 1] = .object(path: path, seen: seen, pendingKey: nil)
            case .array(let path, let index): stack[stack.count - 1] = .array(path: path, index: index + 1)
            case nil: break
            }
        }

        /// The string starting at `position` (a '"'), escapes decoded; moves past its closing quote.
        private mutating func string() -> String? {
            position += 1
            var utf8: [UInt8] = []
            var utf16: [UInt16] = []
            var text = ""
            func flush() {
                text += String(decoding: utf8, as: UTF8.self) + String(decoding: utf16, as: UTF16.self)
                utf8 = []
                utf16 = []
            }
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") {
                    flush()
                    return text
                }
                guard byte == UInt8(ascii: "\\") else {
                    if !utf16.isEmpty { flush() }
                    utf8.append(byte)
                    continue
                }
                guard position < bytes.count else { return nil }
                let escaped = bytes[position]
                position += 1
                if escaped == UInt8(ascii: "u") {
                    guard position + 4 <= bytes.count,
                          let unit = UInt16(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
                    else { return nil }
                    position += 4
                    if !utf8.isEmpty { flush() }
                    utf16.append(unit)
                    continue
                }
                if !utf16.isEmpty { flush() }
                switch escaped {
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                default: utf8.append(escaped)
                }
            }
            return nil
        }
    }
}
