@testable import CutoverFormats
import Testing

@Suite("FlatJSONLine")
struct FlatJSONLineTests {
    static func line(_ text: String) -> FlatJSONLine? { FlatJSONLine(Array(text.utf8)[...]) }

    /// Strings and numbers of a line as JSONEncoder writes it; a key inside a string value is not a key.
    @Test func readsTheToolsOwnLines() throws {
        let json = try #require(Self.line(#"{"account":"bob","digest":"ab12","path":"x,\"account\":\"evil","received":1700000000.25}"#))
        #expect(json.string("account") == "bob")
        #expect(json.string("digest") == "ab12")
        #expect(json.string("path") == nil, "escaped: left to the JSON decoder")
        #expect(json.number("received") == 1_700_000_000.25)
        #expect(json.has("path") && !json.has("link"))
    }

    /// Anything else is refused, for the JSON decoder to judge.
    @Test(arguments: ["", "{", "not json", #"{"a":{"b":1}}"#, #"{"a":[1,2]}"#, #"{"a" "b"}"#, #"{"a":"unclosed}"#,
                      #"["a"]"#])
    func refusesOtherShapes(_ text: String) {
        #expect(Self.line(text) == nil)
    }
}
