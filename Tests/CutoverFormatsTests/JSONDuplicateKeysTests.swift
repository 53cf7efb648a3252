import CutoverFormats
import Testing

@Suite("JSON duplicate keys")
struct JSONDuplicateKeysTests {
    static func find(_ text: String) -> [JSONDuplicateKeys.Duplicate] { JSONDuplicateKeys.find(in: Array(text.utf8)) }

    /// A repeated key is found with its full path and both lines, at any depth and inside arrays.
    @Test func findsRepeatsByPath() {
        let found = Self.find("{\"a\": {\"b\": 1,\n\"b\": 2},\n\"list\": [{\"x\": 1}, {\"x\": 2, \"y\": \"x\", \"x\": 3}]}")
        #expect(found == [JSONDuplicateKeys.Duplicate(keyPath: "a.b", firstLine: 1, line: 2),
                          JSONDuplicateKeys.Duplicate(keyPath: "list[1].x", firstLine: 3, line: 3)])
    }

    /// The same key in sibling objects, and a string value equal to a key, are not repeats.
    @Test func siblingsAndValuesAreNotRepeats() {
        #expect(Self.find(#"{"a": {"k": "k"}, "b": {"k": "a"}, "c": ["a", "a"]}"#).isEmpty)
    }

    /// Escapes are decoded before comparing: `"\u0061"` is the key `a`.
    @Test func escapedSpellingsAreTheSameKey() {
        #expect(Self.find(#"{"a": 1, "\u0061": 2, "q\"": 1, "q\"": 2}"#).map(\.keyPath) == ["a", "q\""])
    }
}
