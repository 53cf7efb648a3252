import Testing
import CutoverFormats

@Suite("MessageHeader")
struct MessageHeaderTests {
    private func id(_ text: String) -> String? {
        MessageHeader.messageID(in: Array(text.utf8))
    }

    /// A plain Message-ID is found with its angle brackets, whatever the case of the field name.
    @Test func findsMessageID() {
        #expect(id("From: a@b\nMessage-ID: <1@example.jp>\nSubject: x\n\nbody\n") == "<1@example.jp>")
        #expect(id("message-id:<2@x>\r\n\r\n") == "<2@x>")
        #expect(id("MESSAGE-ID   :   <3@x>   \n\n") == "<3@x>")
    }

    /// A folded field is unfolded: the line break goes, the leading blank of the continuation stays, ends trimmed.
    @Test func unfolds() {
        #expect(id("Message-ID:\r\n <4@example.jp>\r\nSubject: s\r\n\r\n") == "<4@example.jp>")
        #expect(id("Message-Id: <5@\n\tx>\nTo: y\n\n") == "<5@\tx>")
    }

    /// Only the header is read: a Message-ID in the body does not count, and a missing one is nil.
    @Test func stopsAtTheBody() {
        #expect(id("Subject: x\n\nMessage-ID: <in-body@x>\n") == nil)
        #expect(id("Subject: x\r\n\r\nMessage-ID: <in-body@x>\r\n") == nil)
        #expect(id("") == nil)
        #expect(id("X-Message-ID: <other@x>\nMessage-IDx: <no@x>\n\n") == nil)
    }

    /// The first Message-ID wins, an empty one counts as absent, and a header without a body still works.
    @Test func edgeCases() {
        #expect(id("Message-ID: <first@x>\nMessage-ID: <second@x>\n\n") == "<first@x>")
        #expect(id("Message-ID:   \n\n") == nil)
        #expect(id("Subject: x\nMessage-ID: <last@x>") == "<last@x>")
        #expect(id("Message-ID: <6@x>\n Subject-like: continuation\n") == "<6@x> Subject-like: continuation")
    }

    /// An mbox "From " line before the header is passed over.
    @Test func skipsMboxFromLine() {
        #expect(id("From alice@example.jp Mon Jan  1 00:00:00 2024\nMessage-ID: <7@x>\n\nbody") == "<7@x>")
    }

    /// Any byte collection works, such as a slice of a larger buffer.
    @Test func acceptsSlices() {
        let bytes = Array("junkMessage-ID: <8@x>\n\n".utf8)
        #expect(MessageHeader.messageID(in: bytes[4...]) == "<8@x>")
    }
}
