import CutoverFormats
import Foundation

extension StragglerLedger {
    /// What a pass needs of one ledger line, read without a JSON decoder: the ledger is read whole by every sweep,
    /// and it grows by a line per message for days. The tool writes these lines itself (sorted keys, no spaces);
    /// a line in any other shape, or with an escape in one of these values, goes to the JSON decoder instead.
    struct Fields {
        var account: String
        var digest: String
        var outcome: Entry.Outcome
        var received: Double

        init?(_ line: ArraySlice<UInt8>) {
            guard let json = FlatJSONLine(line), let account = json.string("account"),
                  let digest = json.string("digest"), let outcome = json.string("outcome").flatMap(Entry.Outcome.init),
                  let received = json.number("received") else { return nil }
            self.account = account
            self.digest = digest
            self.outcome = outcome
            self.received = received
        }

        init(_ entry: Entry) {
            account = entry.account
            digest = entry.digest
            outcome = entry.outcome
            received = entry.received
        }
    }
}
