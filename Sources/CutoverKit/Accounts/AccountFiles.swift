import CutoverFormats
import CutoverSystem

/// Reads the plan's account files as they are on disk now.
struct AccountFiles {
    let plan: Plan

    func index() throws -> AccountDocument {
        try read(plan.accounts.index)
    }

    func incoming() throws -> [IndexedAccount] {
        try read(plan.accounts.importList).accounts(in: plan.domain)
    }

    /// The accounts before the cutover: the snapshot's copy of the index once there is one, else the index itself.
    func baseline(_ state: StateFolder) throws -> [IndexedAccount] {
        if let snapshot = try state.latestSnapshot(), let copy = try snapshot.copy(of: plan.accounts.index.path) {
            let text = try FileReading.text(copy)
            return try AccountDocument.parse(text, format: plan.accounts.index.format, file: copy).accounts(in: plan.domain)
        }
        return try index().accounts(in: plan.domain)
    }

    private func read(_ file: AccountFile) throws -> AccountDocument {
        try AccountDocument.parse(try FileReading.text(file.path), format: file.format, file: file.path)
    }
}
