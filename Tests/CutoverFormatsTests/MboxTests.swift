import Testing
import CutoverFormats

@Suite("Mbox")
struct MboxTests {
    private func messages(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Mbox.messageRanges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// Messages start at "From " lines after an empty line; each range runs up to the next one.
    @Test func splitsMessages() {
        let one = "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\nbody 1\n\n"
        let two = "From b@x Tue Jan  2 00:00:00 2024\nSubject: 2\n\n>From quoted\nbody 2\n"
        #expect(messages(one + two) == [one, two])
    }

    /// A "From " line that does not follow an empty line is body text, not a new message.
    @Test func needsAnEmptyLineBefore() {
        let text = "From a@x date\n\nline\nFrom inside the body\n"
        #expect(messages(text) == [text])
    }

    /// CRLF files work: "\r\n" alone is an empty line.
    @Test func handlesCRLF() {
        let one = "From a@x date\r\nSubject: 1\r\n\r\nbody\r\n\r\n"
        let two = "From b@x date\r\nSubject: 2\r\n\r\nbody"
        #expect(messages(one + two) == [one, two])
    }

    /// Empty input, and text before the first "From " line, make no messages.
    @Test func edgeCases() {
        #expect(Mbox.messageRanges(in: []).isEmpty)
        #expect(messages("not an mbox\n").isEmpty)
        #expect(messages("junk\n\nFrom a@x date\nbody\n") == ["From a@x date\nbody\n"])
        #expect(messages("\nFrom a@x date\n") == ["From a@x date\n"])
        #expect(messages("From\n\nFrom a@x\n") == ["From a@x\n"])
        #expect(Mbox.messageRanges(in: Array("From x\n\nFrom y".utf8)) == [0..<8, 8..<14])
    }
}
