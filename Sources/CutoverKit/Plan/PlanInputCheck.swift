import CutoverFormats
import CutoverSystem

/// Checks the files and folders a plan names: present, readable, well formed. Reads only.
struct PlanInputCheck {
    let plan: Plan
    let planLabel: String
    let problems: ProblemCollector

    func run() {
        // Both account files checked at once (on a big store each takes tens of milliseconds), their problems
        // reported in order, the index's first.
        let (plan, label, planFile) = (plan, planLabel, problems.planFile)
        let (indexed, imported) = Parallel.both(
            { Self.document(plan.accounts.index, role: "accounts.index", plan, label, planFile) },
            { Self.document(plan.accounts.importList, role: "accounts.import", plan, label, planFile) })
        problems.add(contentsOf: indexed.problems)
        problems.add(contentsOf: imported.problems)
        let (index, incoming) = (indexed.document, imported.document)
        if let incoming {
            for foreign in incoming.foreignEntries(for: plan.domain) {
                problems.add(InputProblem(file: plan.accounts.importList.path, line: foreign.line,
                                          message: "account '\(foreign.user)' is not in domain \(plan.domain)"))
            }
        }
        if let index, let incoming { refuseMassRemoval(index: index, incoming: incoming) }
        if let map = plan.accounts.recipientMap {
            parse(map.path, role: "accounts.recipientMap.path", missingOK: true) {
                _ = try PostfixVirtualMailboxMap.parse($0, file: map.path)
            }
        }
        if let routes = plan.routes {
            parse(routes.path, role: "routes.path", missingOK: false) {
                _ = try PostfixTransportMap.parse($0, file: routes.path)
            }
        }
        folder(plan.mailboxes.store.root, role: "mailboxes.root")
        if let source = plan.stragglers.source { folder(source.root, role: "stragglers.source.root") }
        stateDirIsApart()
        stateDirIsOurs()
    }

    /// `document(file, role:)` with problems of its own, so that both account files can be checked at once.
    private static func document(_ file: AccountFile, role: String, _ plan: Plan, _ planLabel: String,
                                 _ planFile: String) -> (document: AccountDocument?, problems: [InputProblem]) {
        let check = PlanInputCheck(plan: plan, planLabel: planLabel, problems: ProblemCollector(planFile: planFile))
        return (check.document(file, role: role), check.problems.problems)
    }

    private func document(_ file: AccountFile, role: String) -> AccountDocument? {
        var result: AccountDocument?
        parse(file.path, role: role + ".path", missingOK: false) {
            result = try AccountDocumentMemo.shared.parse($0, format: file.format, file: file.path)
        }
        // `alice` and `alice@example.jp` in one passwd-file are the same account of the plan's domain, and so are
        // `alice` and `ALICE`: mail systems match addresses without regard to case (Postfix lowercases its keys).
        var firstSeen: [String: IndexedAccount] = [:]
        for account in result?.accounts(in: plan.domain) ?? [] {
            let key = account.userID.lowercased()
            if let first = firstSeen[key] {
                problems.add(InputProblem(file: file.path, line: account.line, message: "account '\(account.userID)' is "
                    + "already on line \(first.line) as '\(first.userID)' (addresses ignore case)"))
            } else {
                firstSeen[key] = account
            }
        }
        return result
    }

    private func parse(_ path: String, role: String, missingOK: Bool, _ body: (String) throws -> Void) {
        do {
            guard try FileStatus.ifExists(path) != nil else {
                if !missingOK { problems.add(InputProblem(file: path, message: "no such file (named by `\(role)`)")) }
                return
            }
            try body(try FileReading.text(path, sizeLimit: FileReading.inputSizeLimit))
        } catch let error as InputProblems {
            problems.add(contentsOf: error.problems)
        } catch let error as UnsuitableInput {
            problems.add(InputProblem(file: path, message: "\(error.problem) (named by `\(role)`)"))
        } catch let error as SystemError {
            problems.add(InputProblem(file: path, message: "\(error.reason) (named by `\(role)`)"))
        } catch {
            problems.add(InputProblem(file: path, message: "\(error)"))
        }
    }

    private func folder(_ path: String, role: String) {
        do {
            guard let status = try FileStatus.ifExists(path) else {
                problems.add(InputProblem(file: path, message: "no such folder (named by `\(role)`)"))
                return
            }
            if status.kind != .directory {
                problems.add(InputProblem(file: path, message: "not a folder (named by `\(role)`)"))
            }
        } catch let error as SystemError {
            problems.add(InputProblem(file: path, message: "\(error.reason) (named by `\(role)`)"))
        } catch {
            problems.add(InputProblem(file: path, message: "\(error)"))
        }
    }

    /// An empty list, or one that removes more than `accounts.maxRemoved`, is far likelier a truncated or wrong file
    /// than a decision: refused before anything is touched.
    private func refuseMassRemoval(index: AccountDocument, incoming: AccountDocument) {
        let file = plan.accounts.importList.path
        let accounts = incoming.accounts(in: plan.domain)
        guard !accounts.isEmpty else {
            problems.add(InputProblem(file: file, message: "the import list holds no account of \(plan.domain); "
                + "importing it would remove every account, so it is refused"))
            return
        }
        let limit = RemovalLimit(current: index.accounts(in: plan.domain), incoming: accounts,
                                 threshold: plan.accounts.maxRemoved)
        if limit.isExceeded { problems.add(InputProblem(file: file, message: limit.refusal)) }
    }

    /// An existing state folder that others can write is refused before any run opens its lock or journal.
    private func stateDirIsOurs() {
        do {
            if let problem = try StateFolder.trustProblem(plan.stateDir) {
                problems.add(InputProblem(file: plan.stateDir, message: problem + " (named by `stateDir`)"))
            }
        } catch {
            problems.add(InputProblem(file: plan.stateDir, message: "\(error) (named by `stateDir`)"))
        }
    }

    /// A state folder inside a tree it snapshots would copy its own snapshots into themselves.
    private func stateDirIsApart() {
        let roots = [plan.mailboxes.store.root] + (plan.stragglers.source.map { [$0.root] } ?? [])
        for root in roots where plan.stateDir == root || plan.stateDir.hasPrefix(root + "/") {
            problems.add(InputProblem(file: planLabel, message: "`stateDir` must not be inside the mail folder \(root)"))
        }
    }
}
