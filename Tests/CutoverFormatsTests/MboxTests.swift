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

    /// mboxrd unquoting takes one '>' from ">From " lines, and leaves other lines alone.
    @Test func unquotes() {
        func unquoted(_ line: String) -> String { String(decoding: Mbox.unquoted(Array(line.utf8)[...]), as: UTF8.self) }
        #expect(unquoted(">From here") == "From here")
        #expect(unquoted(">>From here") == ">From here")
        #expect(unquoted("> From here") == "> From here")
        #expect(unquoted(">Fromage") == ">Fromage")
    }

    /// An mbox message as a file of its own: no "From " line, no store fields, unquoted, without the separator.
    @Test func standaloneMessage() {
        let message = "From a@x Mon Nov 23 10:00:00 2026\nStatus: RO\nX-UID: 3\nSubject: s\n\n>From me\nbye\n\n"
        #expect(String(decoding: Mbox.standalone(Array(message.utf8)[...]), as: UTF8.self)
            == "Subject: s\n\nFrom me\nbye\n")
        let crlf = "From a@x date\r\nSubject: s\r\n\r\nbye\r\n\r\n"
        #expect(String(decoding: Mbox.standalone(Array(crlf.utf8)[...]), as: UTF8.self) == "Subject: s\r\n\r\nbye\r\n")
    }

    /// Status and X-Status become Maildir flags: R → S, O alone → no flags but seen to arrive, none → new;
    /// answered, flagged, draft and deleted map to R, F, D, T.
    @Test func flagsFromStatus() {
        func flags(_ header: String) -> String? { Mbox.maildirFlags(of: Array((header + "\n\nbody\n").utf8)[...]) }
        #expect(flags("From a@x date\nStatus: RO") == "S")
        #expect(flags("From a@x date\nStatus: O") == "")
        #expect(flags("From a@x date\nSubject: s") == nil)
        #expect(flags("From a@x date\nStatus: RO\nX-Status: AFTD") == "DFRST")
    }

    /// The "From " line's asctime date is the message's arrival time (UTC); a line without one gives nil.
    @Test func receivedTime() {
        #expect(Mbox.receivedTime(of: Array("From a@x Mon Nov 23 10:00:00 2026\nS: s\n".utf8)[...]) == 1_795_428_000)
        #expect(Mbox.receivedTime(of: Array("From a@x Thu Jan  1 00:00:10 1970\n".utf8)[...]) == 10)
        #expect(Mbox.receivedTime(of: Array("From a@x\n".utf8)[...]) == nil)
    }
}
