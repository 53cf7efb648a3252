import Foundation

/// Reads `postqueue -j` output: one JSON object a line, one line per queued message.
public enum PostqueueListing {
    /// The line's JSON as Postfix writes it; fields the cutover does not use are ignored.
    private struct Record: Decodable {
        struct Recipient: Decodable {
            var address: String
        }

        var queueName: String
        var queueID: String
        var sender: String?
        var recipients: [Recipient]?

        enum CodingKeys: String, CodingKey {
            case queueName = "queue_name", queueID = "queue_id", sender, recipients
        }
    }

    /// The queued messages, in listing order; blank lines are skipped and every other line that is not such JSON is
    /// a problem with its line number.
    public static func parse(_ text: String, file: String) throws(InputProblems) -> [QueuedMessage] {
        let decoder = JSONDecoder()
        var messages: [QueuedMessage] = []
        var problems: [InputProblem] = []
        for (index, raw) in TextLines(text).lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(.newlines))
            if line.isEmpty { continue }
            do {
                let record = try decoder.decode(Record.self, from: Data(line.utf8))
                messages.append(QueuedMessage(
                    queueName: record.queueName, queueID: record.queueID, sender: record.sender ?? "",
                    recipients: (record.recipients ?? []).map(\.address)))
            } catch {
                let message = "not a `postqueue -j` record: " + reason(error)
                problems.append(InputProblem(file: file, line: index + 1, message: message))
            }
        }
        if !problems.isEmpty { throw InputProblems(problems) }
        return messages
    }

    /// A short reason in the user's terms rather than the decoder's debug text.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "'\(path(context.codingPath))' has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "'\(path(context.codingPath))' is not valid"
        @unknown default:
            return "not valid JSON"
        }
    }

    /// A JSON path such as "recipients[0].address", with the JSON key names.
    private static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out
    }
}
