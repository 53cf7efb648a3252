import Testing
import Foundation
import CutoverFormats

@Suite("PostqueueListing")
struct PostqueueListingTests {
    /// Each JSON line becomes a message with its queue, id, sender and recipient addresses; blank lines are skipped.
    @Test func parsesListing() throws {
        let text = """
            {"queue_name": "deferred", "queue_id": "4BqJ4m2Xv0z1", "arrival_time": 1700000000, \
            "message_size": 1234, "forced_expire": false, "sender": "a@b", "recipients": \
            [{"address": "bob@example.jp", "delay_reason": "connect to 192.0.2.10[192.0.2.10]:25: Connection refused"\
            }, \
            {"address": "carol@example.jp"}]}

            {"queue_name": "active", "queue_id": "4BqJ5", "sender": "", "recipients": []}\r

            """
        #expect(try PostqueueListing.parse(text, file: "postqueue -j") == [
            QueuedMessage(queueName: "deferred", queueID: "4BqJ4m2Xv0z1", sender: "a@b",
                          recipients: ["bob@example.jp", "carol@example.jp"]),
            QueuedMessage(queueName: "active", queueID: "4BqJ5", sender: "", recipients: []),
        ])
    }

    /// An empty queue lists nothing.
    @Test func emptyQueue() throws {
        #expect(try PostqueueListing.parse("", file: "q").isEmpty)
        #expect(try PostqueueListing.parse("\n\n", file: "q").isEmpty)
    }

    /// Every line that is not a queue record is reported with its number and a short reason.
    @Test func reportsEveryBadLine() {
        let text = """
            {"queue_name": "hold", "queue_id": "A", "sender": "s", "recipients": []}
            postqueue: fatal: Queue report unavailable - mail system is down
            {"queue_name": "hold", "sender": "s", "recipients": []}
            {"queue_name": "hold", "queue_id": 7, "recipients": []}
            {"queue_name": "hold", "queue_id": "B", "recipients": [{"delay_reason": "x"}]}
            [1, 2]
            """
        let found = problems { () throws(InputProblems) in try PostqueueListing.parse(text, file: "postqueue -j") }
        #expect(lines(found) == [2, 3, 4, 5, 6])
        #expect(found[0].message.contains("not valid JSON"))
        #expect(found[1].message.contains("missing 'queue_id'"))
        #expect(found[2].message.contains("'queue_id' has the wrong type"))
        #expect(found[3].message.contains("missing 'recipients[0].address'"))
        #expect(found.allSatisfy { $0.file == "postqueue -j" })
    }

    /// QueuedMessage encodes to JSON for reports.
    @Test func isCodable() throws {
        let message = QueuedMessage(queueName: "deferred", queueID: "X", sender: "", recipients: ["a@b"])
        let decoded = try JSONDecoder().decode(QueuedMessage.self, from: JSONEncoder().encode(message))
        #expect(decoded == message)
    }
}
