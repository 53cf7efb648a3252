import CutoverFormats
import Testing

@Suite("MessageIdentity")
struct MessageIdentityTests {
    static let maildirCopy = "Return-Path: <a@b.example>\r\nDelivered-To: alice@example.jp\r\n"
        + "Received: from mx.b.example\r\n\tby new.example.jp; Mon, 23 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <m1@b.example>\r\nSubject: hello\r\n\r\nFrom the start,\r\nbody\r\n"
    static let mboxCopy = "From a@b.example Mon Nov 23 10:00:00 2026\nReturn-Path: <a@b.example>\n"
        + "X-Original-To: alice@example.jp\nReceived: from mx.b.example\n  by old.example.jp\n"
        + "Message-ID: <m1@b.example>\nSubject: hello\nStatus: RO\nX-Status: A\nX-UID: 5\nContent-Length: 25\n"
        + "X-Keywords: $Junk\n\n>From the start,\nbody\n\n"

    private func identity(_ text: String, mbox: Bool) -> MessageIdentity {
        MessageIdentity.of(Array(text.utf8)[...], fromMbox: mbox)
    }

    /// The same mail stored by a Maildir server (CRLF, its trace fields) and by an mbox server (LF, "From " line,
    /// mboxrd quoting, Status/X-UID/Content-Length, other trace fields) is one message.
    @Test func maildirAndMboxCopiesAreOneMessage() {
        let maildir = identity(Self.maildirCopy, mbox: false)
        #expect(maildir == identity(Self.mboxCopy, mbox: true))
        #expect(maildir.messageID == "<m1@b.example>")
    }

    /// Content that differs is another message, even with the same Message-ID; a message without a Message-ID
    /// is told apart by its digest alone.
    @Test func otherContentIsAnotherMessage() {
        #expect(identity(Self.maildirCopy, mbox: false)
            != identity(Self.maildirCopy.replacingOccurrences(of: "body", with: "bodY"), mbox: false))
        let anonymous = identity("Subject: x\n\nhi\n", mbox: false)
        #expect(anonymous.messageID == nil)
        #expect(anonymous == identity("Subject: x\r\nStatus: O\r\n\r\nhi\r\n", mbox: false))
        #expect(anonymous != identity("Subject: y\n\nhi\n", mbox: false))
    }

    /// Fields are left out by name only in the header, with their folded lines; the same words in the body count.
    @Test func onlyHeaderFieldsAreLeftOut() {
        #expect(identity("Subject: x\n\nStatus: RO\n", mbox: false) != identity("Subject: x\n\n", mbox: false))
        #expect(identity("received: a\n b\nSubject: x\n\nhi\n", mbox: false)
            == identity("Subject: x\n\nhi\n", mbox: false))
    }

    /// Maildir names: flags after ":2,"; a message from another layout gets a digest-derived name, in `new/`
    /// without flags, in `cur/` with them.
    @Test func maildirNames() {
        #expect(MaildirName.flags(of: "1700.M1P2.host:2,RS") == "RS")
        #expect(MaildirName.flags(of: "1700.M1P2.host") == nil)
        #expect(MaildirName.path(digest: "0123456789abcdef0123456789", time: 1700, flags: nil)
            == "new/1700.M0P0_0123456789abcdef0123.cutover")
        #expect(MaildirName.path(digest: "0123456789abcdef0123456789", time: 1700, flags: "S")
            == "cur/1700.M0P0_0123456789abcdef0123.cutover:2,S")
    }
}
