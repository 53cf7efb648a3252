@testable import CutoverKit
import CutoverFormats
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// What keeps a pass cheap (the digest cache written by appending, folders and links checked once) must never
/// change what it does: these tests pin the behaviour the shortcuts rely on.
@Suite("stragglers: the digest cache and the shortcuts of a pass")
struct StragglerCostTests {
    private static let cacheFile = "state/straggler-digests.tsv"

    private func tree() throws -> TestTree {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": false]])
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 60))
        try tree.server.write("old/example.jp/alice/cur/b:2,S", MiniServer.message("alice", 61))
        return tree
    }

    private func lines(_ tree: TestTree) throws -> [String] {
        try tree.server.read(Self.cacheFile).split(separator: "\n").map(String.init)
    }

    /// A pass appends what it read; a later line for a path replaces the earlier one, so a changed file is read
    /// once and then known again.
    @Test func theCacheGrowsByAppendingAndTheLatestLineWins() throws {
        let tree = try tree()
        let context = try tree.context()
        _ = try VerifyStragglersStep().apply(context)
        let first = try lines(tree)
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 62))
        _ = try VerifyStragglersStep().apply(context)
        let second = try lines(tree)
        #expect(Array(second.prefix(first.count)) == first && second.count > first.count)
        #expect(try StragglerScan(plan: context.plan, state: context.state).work().filesRead == 0)
    }

    /// A line that cannot be read costs a read of its file, never a wrong answer; the file is then written anew
    /// without it.
    @Test func aDamagedLineIsReadAgainAndDropped() throws {
        let tree = try tree()
        let context = try tree.context()
        _ = try VerifyStragglersStep().apply(context)
        let damaged = try lines(tree).map { $0.contains("/old/example.jp/bob/new/a\t") ? $0 + "\tbroken" : $0 }
        try tree.server.write(Self.cacheFile, damaged.joined(separator: "\n") + "\n")
        var scanning = context
        scanning.mayWriteState = true
        #expect(try VerifyStragglersStep().work(scanning).stragglers.filesRead == 1)
        #expect(try !lines(tree).contains { $0.hasSuffix("\tbroken") })
        #expect(try StragglerScan(plan: context.plan, state: context.state).work().filesRead == 0)
    }

    /// Once most lines are outdated the file is written anew with one line per file still there.
    @Test func outdatedLinesAreCompacted() throws {
        let tree = try tree()
        let context = try tree.context()
        _ = try VerifyStragglersStep().apply(context)
        let current = try lines(tree)
        let outdated = Array(repeating: current[0], count: 10_500)
        try tree.server.write(Self.cacheFile, (outdated + current).joined(separator: "\n") + "\n")
        try tree.server.write("old/example.jp/bob/new/c", MiniServer.message("bob", 63))
        _ = try VerifyStragglersStep().apply(context)
        let compacted = try lines(tree)
        #expect(compacted.count < 20 && Set(compacted).count == compacted.count)
        #expect(try StragglerScan(plan: context.plan, state: context.state).work().filesRead == 0)
    }

    /// Entries appended earlier by the same process count as known paths: a big first pass followed by one more
    /// copy appends that copy, and does not mistake the cache for mostly outdated and rewrite it (inside downtime).
    @Test func anAppendAfterABigSaveStaysAnAppend() throws {
        let folder = try TemporaryDirectory()
        var cache = DigestCache(state: StateFolder(path: folder.path))
        let mine = Ownership.ofThisProcess(mode: 0o600)
        func store(_ number: Int) {
            let status = FileStatus(kind: .regular, size: 10, mode: 0o600, uid: getuid(), gid: getgid(),
                                    modificationTime: 1_700_000_000, device: 1, inode: UInt64(number), linkCount: 1)
            cache.store([], of: "/old/\(number)", status: status)
        }
        for number in 0..<12_000 { store(number) }
        try cache.save(ownership: mine)
        let inode = try FileStatus.of(cache.path).inode
        store(12_000)
        try cache.save(ownership: mine)
        #expect(try FileStatus.of(cache.path).inode == inode)
        #expect(try String(contentsOfFile: cache.path, encoding: .utf8).split(separator: "\n").count == 12_001)
    }

    /// The latest line for a path is found however many lines its folder has had, also after the path was
    /// rewritten later in the file; a path with no line is not found.
    @Test func theLatestLineOfAPathIsFound() {
        var text = ""
        for number in 0..<500 { text += "/m/cur/\(number)\t1\t1\t\(number)\n" }
        text += "/m/cur/7\t2\t2\t7000\n/m/new/7\t3\t3\t7001\n/m/cur/100%25\t4\t4\t1\n"
        let lines = DigestCache.FileLines(Array(text.utf8))
        #expect(lines.line(for: "/m/cur/7").flatMap(DigestCache.decode)?.inode == 7000)
        #expect(lines.line(for: "/m/cur/499").flatMap(DigestCache.decode)?.inode == 499)
        #expect(lines.line(for: "/m/new/7").flatMap(DigestCache.decode)?.inode == 7001)
        #expect(lines.line(for: "/m/cur/100%").flatMap(DigestCache.decode)?.size == 4)
        #expect(lines.line(for: "/m/cur/500") == nil && lines.line(for: "/m/cur") == nil)
        #expect(lines.lineCount == 503 && lines.pathCount == 502 && lines.latestLines.count == 502)
    }

    /// A time that is not a finite number makes the line damaged (it would otherwise reach the ledger and the
    /// audit's dates).
    @Test func aLineWithAnInfiniteTimeIsDamaged() {
        let line = "/old/a\t10\tinf\t7"
        #expect(DigestCache.decode(Array(line.utf8)[...]) == nil)
        #expect(DigestCache.decode(Array("/old/a\t10\t1700000000\t7".utf8)[...]) != nil)
        let message = "\t/old/a\t\t\tdigest\t\t\tnan"
        #expect(DigestCache.decode(Array(("/old/a\t10\t1700000000\t7" + message).utf8)[...]) == nil)
    }

    /// A source replaced after the scan by another message is not copied: the pass checks it is still the message
    /// it scanned (its file's size, time and inode, or else its identity) and leaves it for the next pass.
    @Test func aSourceReplacedAfterTheScanIsLeftForTheNextPass() throws {
        let tree = try tree()
        let context = try tree.context()
        let work = try VerifyStragglersStep().work(context)
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 64))
        #expect(throws: StepFailure.self) { _ = try VerifyStragglersStep().apply(work, context) }
        #expect(!tree.server.exists("mail/example.jp/bob/new/a"))
        _ = try VerifyStragglersStep().apply(context)
        #expect(try tree.server.read("mail/example.jp/bob/new/a") == MiniServer.message("bob", 64))
    }

    /// A folder that changed moments ago is listed again even when the pass found it fully handled: its
    /// modification time could still hide a message that arrived within the same clock tick.
    @Test func aFolderThatJustChangedIsNotTrustedUnchanged() throws {
        let tree = try tree()
        let context = try tree.context()
        _ = try VerifyStragglersStep().apply(context)
        let path = tree.folder.path + "/old/example.jp/bob/new/a"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        #expect(try StragglerScan(plan: context.plan, state: context.state).work().toCopy.map(\.source) == [path])
    }

    /// Account folders are resolved once per root: a plain folder, a link inside the roots and a missing folder
    /// come out as the full resolution says.
    @Test func resolvingManyFoldersAgreesWithResolvingOne() throws {
        let tree = try tree()
        let root = tree.folder.path + "/old"
        try FileManager.default.createDirectory(atPath: root + "/moved/carol", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/example.jp/carol", withDestinationPath: root + "/moved/carol")
        let resolver = AccountFolder.Resolver(allowedRoots: [root])
        for account in ["bob", "carol", "nobody"] {
            let path = root + "/example.jp/" + account
            #expect(try resolver.resolve(path) == AccountFolder.resolve(path, allowedRoots: [root]))
        }
        #expect(try resolver.resolve(root + "/example.jp/carol") == .folder(AccountFolder.resolved(root + "/moved/carol")))
        #expect(try resolver.resolve(root + "/example.jp/nobody") == .missing)
    }
}

@Suite("stragglers: the ledger read on from where it stopped")
struct StragglerLedgerContinuingTests {
    private func entry(_ account: String, _ digest: String, received: Double = 1_700_000_000) -> StragglerLedger.Entry {
        StragglerLedger.Entry(account: account, messageID: nil, digest: digest, source: "/old/" + digest,
                              destination: "/new/" + digest, outcome: .copied, received: received)
    }

    /// "Last straggler seen" comes from a summary beside the ledger that is read on, not rebuilt: it follows
    /// appends, and a ledger replaced meanwhile (here with fewer, older records) is read whole again.
    @Test func lastSeenFollowsTheLedger() throws {
        let folder = try TemporaryDirectory()
        let ledger = StragglerLedger(state: StateFolder(path: folder.path))
        let mine = Ownership(uid: getuid(), gid: getgid(), mode: 0o600)
        try ledger.record([entry("bob", "d1", received: 100)])
        #expect(try ledger.lastCopied(keeping: mine) == ["bob": 100])
        #expect(FileManager.default.fileExists(atPath: folder.path + "/stragglers-last-seen.tsv"))
        try ledger.record([entry("bob", "d2", received: 200), entry("alice", "d3", received: 50)])
        #expect(try ledger.lastCopied(keeping: mine) == ["bob": 200, "alice": 50])
        try FileManager.default.removeItem(atPath: ledger.path)
        try ledger.record([entry("carol", "d4", received: 10)])
        #expect(try ledger.lastCopied(keeping: mine) == ["carol": 10])
        #expect(try ledger.lastCopied(keeping: nil) == ["carol": 10])
    }

    /// Reading on gives what reading the whole file gives; a file replaced meanwhile is read whole; a bad line
    /// appended is named by its line number in the whole file.
    @Test func readingOnAgreesWithReadingWhole() throws {
        let folder = try TemporaryDirectory()
        let ledger = StragglerLedger(state: StateFolder(path: folder.path))
        try ledger.record([entry("bob", "d1"), entry("bob", "d2")])
        let first = try ledger.read()
        try ledger.record([entry("alice", "d3")])
        let continued = try ledger.read(continuing: first)
        let whole = try ledger.read()
        #expect(continued.handled == whole.handled && continued.copied == whole.copied
            && whole.handled.values.map(\.count).reduce(0, +) == 3)

        try FileManager.default.removeItem(atPath: ledger.path)
        try ledger.record([entry("carol", "d4"), entry("carol", "d5"), entry("carol", "d6"), entry("carol", "d7")])
        #expect(try ledger.read(continuing: continued).handled == ledger.read().handled)

        let reread = try ledger.read()
        let handle = try #require(FileHandle(forWritingAtPath: ledger.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not a record\n".utf8))
        try handle.close()
        #expect { _ = try ledger.read(continuing: reread) } throws: { "\($0)".contains("line 5 is not a straggler record") }
    }

    /// Ledger lines are written without the JSON encoder, and must stay exactly what it wrote (older ledgers are
    /// read on by the same reader): sorted keys, absent optionals left out, escapes, slashes as they are.
    @Test func linesAreWhatTheEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let entries = [
            entry("bob", "d1", received: 1_764_496_564.123),
            StragglerLedger.Entry(account: "o\"brien", messageID: "<a\\b@x>\t", digest: "d2", source: "/old/ü/\n",
                                  destination: nil, outcome: .present, received: 0),
            StragglerLedger.Entry(account: "carol", messageID: "<c@x>", digest: "d3", source: "/old/c",
                                  destination: "/new/c", outcome: .copied, received: 1e-7),
        ]
        for entry in entries {
            #expect(entry.line == String(decoding: try encoder.encode(entry), as: UTF8.self))
        }
        // And read back as written: the fast reader where no value it needs holds an escape, the decoder otherwise.
        let folder = try TemporaryDirectory()
        let ledger = StragglerLedger(state: StateFolder(path: folder.path))
        try ledger.record(entries)
        let records = try ledger.read()
        #expect(entries.allSatisfy { records.contains($0.account, $0.digest) } && records.handled.count == 3)
        #expect(records.copied == ["bob": 1, "carol": 1] && records.foundPresent == 1)
        #expect(records.lastCopied == ["bob": 1_764_496_564.123, "carol": 1e-7])
        // A time that is no number (an older version could write one) still marks the message handled.
        try ledger.record([StragglerLedger.Entry(account: "dave", messageID: nil, digest: "d4", source: "/old/d",
                                                 destination: "/new/d", outcome: .copied, received: .infinity)])
        let again = try ledger.read()
        #expect(again.contains("dave", "d4") && again.copied["dave"] == 1 && again.lastCopied["dave"] == nil)
        var last = ""
        let fast = entries.map { StragglerLedger.Fields(Array($0.line.utf8)[...], lastAccount: &last)?.account }
        #expect(fast == ["bob", nil, "carol"])
    }
}

extension StragglerCostTests {
    /// A rescan in the same process (the check after a pass) takes what the pass read and wrote from memory: no
    /// line decoded again, no file read again, and the same answer as a scan in a new process.
    @Test func aRescanTakesUpWhatThePassKnew() throws {
        let tree = try tree()
        let context = try tree.context()
        let pass = try StragglerScan(plan: context.plan, state: context.state).work()
        var cache = pass.cache
        try context.state.create()
        try cache.save(ownership: Ownership.ofThisProcess(mode: 0o600))
        try tree.server.write("old/example.jp/bob/new/c", MiniServer.message("bob", 66))
        let rescan = try StragglerScan(plan: context.plan, state: context.state, earlier: (cache, pass.ledger, nil)).work()
        let fresh = try StragglerScan(plan: context.plan, state: context.state).work()
        #expect(rescan.filesRead == 1 && fresh.filesRead == 1)
        #expect(rescan.toCopy.map(\.source) == fresh.toCopy.map(\.source) && rescan.toCopy.count == 3)
    }

    /// An append cut short by a crash can end exactly between two fields and look like a whole line listing no
    /// message: the cache never takes a last line without its newline, so the message is still found.
    @Test func aTornLastLineIsNeverTaken() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": false]])
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 65))
        let context = try tree.context()
        var scanning = context
        scanning.mayWriteState = true
        _ = try VerifyStragglersStep().work(scanning)
        let line = try #require(try tree.server.read("state/straggler-digests.tsv").split(separator: "\n").first)
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        try tree.server.write("state/straggler-digests.tsv", fields.prefix(4).joined(separator: "\t"))
        #expect(try StragglerScan(plan: context.plan, state: context.state).work().toCopy.map(\.source)
            == [tree.folder.path + "/old/example.jp/bob/new/a"])
    }
}

@Suite("stragglers: the compact forms a pass reads its state into")
struct StragglerStateFormTests {
    /// A SHA-256 in lowercase hex is kept as its bytes, anything else as spelled; both are found again from the
    /// digest's text, as the scan asks.
    @Test func handledDigestsAreFoundByTheirText() throws {
        let sha = SHA256.hexDigest(Array("message".utf8))
        #expect(HandledDigest(sha) == HandledDigest(Array(sha.utf8)[...]))
        #expect({ if case .sha256 = HandledDigest(sha) { true } else { false } }())
        for other in [sha.uppercased(), String(sha.dropLast()), "d1", "", String(sha.dropLast()) + "g"] {
            #expect(HandledDigest(other) == .spelled(other))
        }
        #expect(HandledDigest(sha) != HandledDigest(SHA256.hexDigest(Array("other".utf8))))

        let folder = try TemporaryDirectory()
        let ledger = StragglerLedger(state: StateFolder(path: folder.path))
        try ledger.record([StragglerLedger.Entry(account: "bob", messageID: "<m@x>", digest: sha, source: "/old/m",
                                                 destination: nil, outcome: .present, received: 1_700_000_000.5)])
        let records = try ledger.read()
        #expect(records.contains("bob", sha) && !records.contains("alice", sha) && records.foundPresent == 1)
    }

    /// A time on a line not about a copy is only checked, not read; what is no number there still stops the step
    /// on that line (skipping it could bring deleted mail back).
    @Test func aTimeThatIsNoNumberStillStopsTheStep() throws {
        let folder = try TemporaryDirectory()
        let ledger = StragglerLedger(state: StateFolder(path: folder.path))
        func line(_ received: String) -> String {
            #"{"account":"bob","digest":"d1","outcome":"present","received":"# + received + #","source":"/old/a"}"#
        }
        for good in ["1700000000", "1700000000.25", "-0.5", "1e-07", "2E+3", "0"] {
            try (line(good) + "\n").write(toFile: ledger.path, atomically: true, encoding: .utf8)
            #expect(try ledger.read().contains("bob", "d1"), "\(good)")
        }
        for bad in ["1.2.3", "--1", "1e", "x", ""] {
            try (line("1") + "\n" + line(bad) + "\n").write(toFile: ledger.path, atomically: true, encoding: .utf8)
            #expect("\(bad)") { _ = try ledger.read() } throws: { "\($0)".contains("line 2 is not a straggler record") }
        }
    }

    /// Lines of one folder found in any order and number of runs; paths counted once however often rewritten.
    @Test func cacheLinesAreFoundInRunsAndCounted() {
        var text = "/m/cur/a\t1\t1\t1\n/m/cur/b\t1\t1\t2\n/m/new/x\t1\t1\t3\n/m/cur/a\t2\t2\t4\n/n/cur/z\t1\t1\t5\n"
        text += "/n/cur/y\t1\t1\t6\n"
        let lines = DigestCache.FileLines(Array(text.utf8))
        #expect(lines.line(for: "/m/cur/a").flatMap(DigestCache.decode)?.inode == 4)
        #expect(lines.line(for: "/m/cur/b").flatMap(DigestCache.decode)?.inode == 2)
        #expect(lines.line(for: "/n/cur/y").flatMap(DigestCache.decode)?.inode == 6)
        #expect(lines.line(for: "/m/cur/c") == nil && lines.line(for: "/m/new/a") == nil)
        #expect(lines.lineCount == 6 && lines.pathCount == 5 && lines.latestLines.count == 5)
    }

    /// The old side holds one message twice (two names); with `move` the second goes only once the first is safe in
    /// the new mailbox. When the first cannot be copied (here it changed after the scan), both stay.
    @Test func aSecondCopyStaysWhenTheFirstCouldNotBeCopied() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": true]])
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 80))
        try tree.server.write("old/example.jp/bob/new/b", MiniServer.message("bob", 80))
        let context = try tree.context()
        let work = try VerifyStragglersStep().work(context)
        #expect(work.stragglers.toCopy.map(\.source) == [tree.folder.path + "/old/example.jp/bob/new/a"])
        #expect(work.stragglers.toRemove.map(\.source) == [tree.folder.path + "/old/example.jp/bob/new/b"])
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 81))
        #expect(throws: StepFailure.self) { _ = try VerifyStragglersStep().apply(work, context) }
        #expect(tree.server.exists("old/example.jp/bob/new/b") && tree.server.exists("old/example.jp/bob/new/a"))
        _ = try VerifyStragglersStep().apply(context)
        #expect(try tree.server.read("mail/example.jp/bob/new/a") == MiniServer.message("bob", 81))
        #expect(try tree.server.read("mail/example.jp/bob/new/b") == MiniServer.message("bob", 80))
        #expect(!tree.server.exists("old/example.jp/bob/new/a") && !tree.server.exists("old/example.jp/bob/new/b"))
    }

    /// A cache line reads back as written: escapes, byte ranges, absent and empty values, big numbers; a number
    /// in a form the writer never uses makes the line damaged (its file is read again).
    @Test func cacheLinesReadBackAsWritten() {
        let messages = [
            StoredMessage(relativePath: "INBOX/100%\tsure\n", range: 0..<4096,
                          identity: MessageIdentity(messageID: "<a%b\t@x>", digest: "d1"), flags: "", received: 1e-7),
            StoredMessage(relativePath: "INBOX", range: nil, identity: MessageIdentity(messageID: nil, digest: "d2"),
                          flags: nil, received: 1_700_000_000.123456),
        ]
        let entry = DigestCache.Entry(path: "/old/é/cur/a:2,S", size: 123_456_789_012, mtime: 1_764_000_000.5,
                                      inode: UInt64.max, messages: messages)
        let decoded = DigestCache.decode(Array(DigestCache.encode(entry).utf8)[...])
        #expect(decoded?.path == entry.path && decoded?.size == entry.size && decoded?.mtime == entry.mtime)
        #expect(decoded?.inode == UInt64.max && decoded?.messages == messages)
        for odd in ["+5", "5x", "", "99999999999999999999999"] {
            #expect(DigestCache.decode(Array("/old/a\t\(odd)\t1700000000\t7".utf8)[...]) == nil, "\(odd)")
        }
    }

    /// A folder record with a stamp that cannot be read is dropped whole: checking fewer folders could trust an
    /// account whose new mail sits in the folder left out.
    @Test func aFolderRecordWithABadStampIsDropped() throws {
        let folder = try TemporaryDirectory()
        let state = StateFolder(path: folder.path)
        let account = folder.path + "/bob"
        for part in ["cur", "new"] {
            try FileManager.default.createDirectory(atPath: account + "/" + part, withIntermediateDirectories: true)
        }
        var records = HandledFolders(state: state)
        records.handled(account, messages: 3, stamps: try Self.stampsNow(account))
        try records.save(ownership: Ownership.ofThisProcess(mode: 0o600))
        #expect(try HandledFolders(state: state).unchanged(account) == 3)
        let text = try String(contentsOfFile: records.path, encoding: .utf8)
        let newStamp = try #require(text.split(separator: "\t").firstIndex { $0.hasSuffix("/new") })
        var fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[newStamp + 1] = "not a time"
        try fields.joined(separator: "\t").write(toFile: records.path, atomically: true, encoding: .utf8)
        #expect(try HandledFolders(state: state).unchanged(account) == nil)
    }

    /// A new-side file that cannot be read (here a name that is not UTF-8, which the listing cannot name again) may
    /// be the very message about to be copied: nothing is copied into that mailbox, the file is reported, and once
    /// it can be read the next pass copies what is still missing, once.
    @Test func anUnreadableNewSideFileStopsCopiesIntoItsMailbox() throws {
        let tree = try TestTree(extraPlan: ["stragglers": ["source": ["root": "old"], "move": false]])
        try tree.server.write("old/example.jp/bob/new/a", MiniServer.message("bob", 70))
        try tree.server.write("mail/example.jp/bob/cur/seed", "seed")
        let odd = tree.server.root + "/mail/example.jp/bob/cur/x"
        var name = Array(odd.utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0]
        let fd = open(&name, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        close(fd)
        let context = try tree.context()
        let work = try VerifyStragglersStep().work(context).stragglers
        #expect(!work.toCopy.contains { $0.account == "bob" })
        #expect(work.unmovable.contains { $0.account == "bob" && $0.reason.contains("nothing is copied into this mailbox") })
        #expect(work.unmovable.contains { $0.path.hasSuffix("/old/example.jp/bob/new/a")
            && $0.reason.hasPrefix("not copied this pass: the new mailbox could not be read whole") })
        _ = try VerifyStragglersStep().apply(context)
        #expect(!tree.server.exists("mail/example.jp/bob/new/a"))
        #expect(rename(name, odd + "-renamed") == 0)
        _ = try VerifyStragglersStep().apply(context)
        #expect(try tree.server.read("mail/example.jp/bob/new/a") == MiniServer.message("bob", 70))
    }

    /// The folders' stamps as they are, for a test that just made them (too fresh for `HandledFolders.stamps`).
    private static func stampsNow(_ account: String) throws -> [HandledFolders.Stamp] {
        try [account, account + "/cur", account + "/new"].map { path in
            let status = try FileStatus.of(path)
            return HandledFolders.Stamp(path: path, mtime: status.modificationTime, inode: status.inode)
        }
    }
}
