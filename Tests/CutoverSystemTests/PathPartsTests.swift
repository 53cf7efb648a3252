import CutoverSystem
import Testing

@Suite("path parts")
struct PathPartsTests {
    @Test(arguments: [
        ("/", "/", ""), ("a", ".", "a"), ("a/", ".", "a"), ("/a", "/", "a"), ("/a/b//", "/a", "b"), ("a/b", "a", "b"),
        ("", ".", ""), ("日本/メール/", "日本", "メール"), ("/srv/mail/e\u{301}/cur", "/srv/mail/e\u{301}", "cur"),
    ])
    func splitsAsText(path: String, parent: String, last: String) {
        #expect(PathParts.parent(path) == parent)
        #expect(PathParts.lastComponent(path) == last)
    }

    /// Working on bytes must still hand back whole characters: a combining accent right before a slash stays.
    @Test func keepsCombiningCharactersWhole() {
        #expect(PathParts.lastComponent("/mail/cafe\u{301}") == "cafe\u{301}")
        #expect(PathParts.parent("/mail/cafe\u{301}/x") == "/mail/cafe\u{301}")
    }
}
