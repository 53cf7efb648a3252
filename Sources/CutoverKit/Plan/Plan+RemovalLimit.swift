extension Plan {
    /// The import's removals against `accounts.maxRemoved`, from the index and import list as they are now: what a
    /// preview shows next to the threshold. `PlanLoader.load` already refused a plan that exceeds it.
    public func removalLimit() throws -> RemovalLimit {
        let files = AccountFiles(plan: self)
        return RemovalLimit(current: try files.index().accounts(in: domain), incoming: try files.incoming(),
                            threshold: accounts.maxRemoved)
    }
}
