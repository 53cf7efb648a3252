/// How `cutover run` was asked to run.
public struct RunOptions: Sendable, Equatable {
    public var dryRun = false
    public var only: StepName?
    public var from: StepName?
    public var expectFingerprint: String?

    public init(dryRun: Bool = false, only: StepName? = nil, from: StepName? = nil, expectFingerprint: String? = nil) {
        self.dryRun = dryRun
        self.only = only
        self.from = from
        self.expectFingerprint = expectFingerprint
    }
}
