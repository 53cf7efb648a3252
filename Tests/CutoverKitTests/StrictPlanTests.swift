import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

@Suite("strict plans")
struct StrictPlanTests {
    static func refusal(_ extraPlan: [String: Any]) throws -> String {
        let tree = try TestTree(extraPlan: extraPlan)
        return try #require(throws: PlanInvalid.self) { try tree.plan() }.description
    }

    static var mailboxes: [String: Any] { ["root": "mail", "layout": "maildir", "pathTemplate": "%d/%n"] }

    /// A misspelt key is an error naming its full path, with the key that was probably meant.
    @Test func unknownKeyIsRefusedWithASuggestion() throws {
        let text = try Self.refusal(["mailboxes": Self.mailboxes.merging(["removedPrefx": "old_"]) { $1 }])
        #expect(text.contains("`mailboxes.removedPrefx`: unknown key; did you mean `removedPrefix`?"))
        let nested = try Self.refusal(["services": [["name": "smtp", "stop": ["x"], "start": ["y"],
                                                      "checks": [["host": "127.0.0.1", "port": 25, "expct": "220"]]]]])
        #expect(nested.contains("`services[0].checks[0].expct`: unknown key; did you mean `expect`?"))
        #expect(try Self.refusal(["colour": "blue"]).contains("`colour`: unknown key"))
        let huge = try Self.refusal([String(repeating: "k", count: 1 << 20): 1])
        #expect(huge.count < 400 && huge.contains("unknown key"))
    }

    /// The free keys of `routes.set` are data, not plan keys.
    @Test func routePatternsAreNotKeys() throws {
        let tree = try TestTree(extraPlan: ["routes": ["path": "transport", "set": ["example.jp": "smtp:[192.0.2.20]:25",
                                                                                   "sub.example.jp": "smtp:[192.0.2.21]"]]])
        #expect(try tree.plan().routes?.set.count == 2)
    }

    /// A key given twice is refused with its path and both lines; JSON parsers silently keep one.
    @Test func duplicateKeyIsRefused() throws {
        let tree = try TestTree()
        let plan = try tree.server.read("plan.json")
        try tree.server.write("plan.json", plan.replacingOccurrences(of: "\"layout\" : \"maildir\",",
                                                                     with: "\"layout\" : \"maildir\",\n\"root\" : \"/srv/other\","))
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        let problem = try #require(error.problems.first { $0.message.contains("given twice") })
        #expect(problem.message.hasPrefix("`mailboxes.root`:"))
        #expect(problem.line != nil)
    }

    /// NUL and other control characters in any string, keys included, are refused by key.
    @Test func controlCharactersAreRefused() throws {
        let text = try Self.refusal(["mailboxes": Self.mailboxes.merging(["removedPrefix": "~\u{0}x"]) { $1 },
                                     "name": "tab\there"])
        #expect(text.contains("`mailboxes.removedPrefix`: contains the control character U+0000"))
        #expect(text.contains("`name`: contains the control character U+0009"))
    }

    /// `/`, a system folder, or anything under /proc, /sys or /dev cannot be a mail root, source or state folder;
    /// /var/mail and /var/vmail can.
    @Test func systemFoldersAreRefused() throws {
        for (path, refused) in [("/", true), ("/etc", true), ("/var", true), ("/usr/", true), ("/proc/1/root", true),
                                ("/dev/shm/mail", true), ("/var/mail", false), ("/var/vmail", false)] {
            let text = try Self.refusal(["stateDir": path, "mailboxes": Self.mailboxes.merging(["root": path]) { $1 },
                                         "stragglers": ["source": ["root": path]]])
            for key in ["`stateDir`", "`mailboxes.root`", "`stragglers.source.root`"] {
                #expect(text.contains("\(key): '\(path == "/usr/" ? "/usr" : path)' is a system folder") == refused,
                        "\(key) \(path): \(text)")
            }
        }
    }

    /// A mail root that is a symbolic link to a system folder is refused like the folder (paths are resolved).
    @Test func linkToSystemFolderIsRefused() throws {
        let tree = try TestTree(extraPlan: ["mailboxes": Self.mailboxes.merging(["root": "etc-link"]) { $1 }])
        try FileManager.default.createSymbolicLink(atPath: tree.folder.path + "/etc-link", withDestinationPath: "/etc")
        let text = try #require(throws: PlanInvalid.self) { try tree.plan() }.description
        #expect(text.contains("`mailboxes.root`: '/etc' is a system folder"))
    }

    /// Timeouts stay within 1–3600 seconds and a check must name the greeting it expects.
    @Test func numbersAndGreetingsStaySane() throws {
        for (timeout, refused) in [(0.0, true), (0.5, true), (1, false), (3600, false), (3601, true)] {
            let text = try Self.refusal(["services": [["name": "smtp", "stop": ["x"], "start": ["y"], "timeoutSeconds": timeout,
                                                       "checks": [["host": "127.0.0.1", "port": 25, "expect": ""]]]]])
            #expect(text.contains("`services[0].timeoutSeconds`") == refused, "\(timeout)")
            #expect(text.contains("`services[0].checks[0].expect`: must not be empty"))
        }
    }
}
