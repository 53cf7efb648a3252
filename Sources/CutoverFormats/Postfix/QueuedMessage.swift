/// One message in a Postfix queue, as `postqueue -j` lists it.
public struct QueuedMessage: Sendable, Equatable, Codable {
    /// "maildrop", "incoming", "active", "deferred" or "hold".
    public var queueName: String
    public var queueID: String
    /// The envelope sender; "" for a bounce (the null sender).
    public var sender: String
    /// Recipient addresses still to be delivered.
    public var recipients: [String]

    public init(queueName: String, queueID: String, sender: String, recipients: [String]) {
        self.queueName = queueName
        self.queueID = queueID
        self.sender = sender
        self.recipients = recipients
    }
}
