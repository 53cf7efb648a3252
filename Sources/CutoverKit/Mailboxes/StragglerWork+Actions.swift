/// The actions a pass shows: the same list for preview and apply, because both render the same work value.
extension StragglerWork {
    func actions() -> [PlannedAction] {
        var actions = toCopy.map { item in
            item.sourceLayout == .mbox || !move
                ? PlannedAction(.copy, item.message.location(in: item.sourceFolder), "→ \(item.target)")
                : PlannedAction(.move, item.source, "→ \(item.target)")
        }
        let removed = Set(toRemove.map(\.source))
        let recordedOnly = Dictionary(grouping: toRecord.filter { !removed.contains($0.source) }, by: \.account)
        actions += recordedOnly.keys.sorted().map { account in
            PlannedAction(.note, account, "\(recordedOnly[account]!.count) old-side messages already in the new "
                + "mailbox; recorded so they never come back")
        }
        actions += toRemove.map {
            PlannedAction(.remove, $0.source, "already in \($0.account)'s new mailbox (same Message-ID and content, "
                + "or copied by an earlier pass)")
        }
        actions += arrivedInPlace.map { PlannedAction(.note, $0, "arrived after the snapshot") }
        actions += unmovable.map { PlannedAction(.warning, $0.path, "straggler not moved: \($0.reason)") }
        actions += removedAccounts.map {
            PlannedAction(.warning, $0.folder, "\($0.messages) messages for removed account \($0.account) stay on "
                + "the old side")
        }
        actions += outsideRoots.map {
            PlannedAction(.warning, $0.path, "account \($0.account) skipped: its folder links to \($0.target), "
                + "outside the mail root and the straggler source")
        }
        if ledgerTornTail {
            actions.append(PlannedAction(.warning, "stragglers.jsonl", "its last line was cut short by a crash; it is "
                + "cut away before the next record (the message it named is found again in the new mailbox)"))
        }
        return actions
    }

    /// Messages that stay on the old side and are reported: unmovable ones and those of removed accounts.
    var unmovedCount: Int { unmovable.count + removedAccounts.map(\.messages).reduce(0, +) + outsideRoots.count }
}
