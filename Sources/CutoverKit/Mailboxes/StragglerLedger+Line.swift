import CutoverFormats

extension StragglerLedger.Entry {
    /// The line the ledger's JSON encoder would write (sorted keys, no absent optionals, slashes as they are), made
    /// without the encoder: a pass records one per message, and the encoder cost more than the copy.
    var line: String {
        var bytes: [UInt8] = []
        bytes += #"{"account":"#.utf8
        JSONText.appendString(account, to: &bytes)
        if let destination {
            bytes += #","destination":"#.utf8
            JSONText.appendString(destination, to: &bytes)
        }
        bytes += #","digest":"#.utf8
        JSONText.appendString(digest, to: &bytes)
        if let messageID {
            bytes += #","messageID":"#.utf8
            JSONText.appendString(messageID, to: &bytes)
        }
        bytes += #","outcome":"#.utf8
        JSONText.appendString(outcome.rawValue, to: &bytes)
        bytes += #","received":"#.utf8
        bytes += JSONText.number(received).utf8
        bytes += #","source":"#.utf8
        JSONText.appendString(source, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
