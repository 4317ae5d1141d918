import Foundation
import Testing

/// `metrotrace db …` and the query commands on a store, as the README walks through them.
@Suite("store commands")
struct StoreCommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func broken(_ arguments: [String]) throws -> Int {
        let run = try CommandLineTests.run(arguments + ["--summary", "--format", "json"])
        let summary = try #require(try json(run.output)["summary"] as? [String: Any], "\(run.error)")
        return try #require(summary["broken"] as? Int)
    }

    @Test("the README's walk: import, correct, check before and after, log, changes since, verify, export, tamper")
    func walk() throws {
        let folder = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("centre.mtdb").path
        #expect(try CommandLineTests.run(["db", "init", store]).status == 0)
        #expect(try CommandLineTests.run(["db", "init", store]).status == 2)
        let imported = try CommandLineTests.run(["db", "import", store, "data/jiangxi", "--as", "wang"])
        #expect(imported.status == 0 && imported.error.contains("revision 1 committed"), "\(imported.error)")
        let check = ["check", store, "--at", "2026-12-01"]
        #expect(try Self.broken(check) == 8)
        let log = try Self.json(try CommandLineTests.run(["db", "log", store, "--format", "json"]).output)
        let first = try #require((log["revisions"] as? [[String: Any]])?.first)
        let importedAt = try #require(first["committedAt"] as? String)
        #expect(first["author"] as? String == "wang")

        let correction = try CommandLineTests.run([
            "db", "correct", store, "NIM-M-2025-0002", "--with", "docs/examples/store/NIM-M-2025-0002.json",
            "--reason", "due date per the certificate: 2026-06-09",
        ])
        #expect(correction.status == 0, "\(correction.error)")
        #expect(try Self.broken(check) == 9)
        #expect(try Self.broken(check + ["--revision", "1"]) == 8)
        #expect(try Self.broken(check + ["--known-at", importedAt]) == 8)

        // The auditor's question, and what changed since.
        let asKnown = try CommandLineTests.run([
            "chain", store, "JXIM-M-REF", "--at", "2026-12-01", "--known-at", importedAt, "--format", "json",
        ])
        #expect(asKnown.status == 0, "\(asKnown.error)")
        let since = try CommandLineTests.run([
            "chain", store, "JXIM-M-REF", "--at", "2026-12-01", "--changes-since", importedAt, "--format", "json",
        ])
        #expect(since.status == 1, "\(since.error)")
        let changes = try #require(try Self.json(since.output)["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["revision"] as? Int == 2)
        #expect((changes.first?["before"] as? [String: Any])?["status"] as? String == "valid")
        #expect((changes.first?["after"] as? [String: Any])?["rules"] as? [String] == ["record.expired"])
        #expect(changes.first?["reason"] as? String == "due date per the certificate: 2026-06-09")
        let text = try CommandLineTests.run([
            "chain", store, "JXIM-M-REF", "--at", "2026-12-01", "--changes-since", importedAt, "--lang", "zh-Hans",
        ])
        #expect(text.output.contains("状态：有效 → 溯源中断"), "\(text.output)")

        let history = try CommandLineTests.run(["db", "log", store, "--record", "NIM-M-2025-0002"])
        #expect(history.output.contains("corrected 1: record NIM-M-2025-0002"), "\(history.output)")
        let chineseHistory = try CommandLineTests.run(["db", "log", store, "--lang", "zh-Hans"])
        #expect(chineseHistory.output.contains("更正 1 个：record NIM-M-2025-0002"), "\(chineseHistory.output)")
        #expect(try CommandLineTests.run(["db", "verify", store]).status == 0)

        // Refused writes say why and change nothing.
        let unknown = try CommandLineTests.run(["db", "void", store, "NO-SUCH", "--reason", "typo"])
        #expect(unknown.status == 2 && unknown.error.contains("record NO-SUCH is not in the store"))
        let noReason = try CommandLineTests.run(["db", "void", store, "NIM-M-2025-0002", "--reason", " "])
        #expect(noReason.status == 2 && noReason.error.contains("nothing was changed"))
        let folderKnownAt = try CommandLineTests.run(["check", "data/sample", "--known-at", "2026-01-01"])
        #expect(folderKnownAt.status == 2)

        // The exported dataset round-trips through a new store.
        let exportA = folder.appendingPathComponent("a").path
        let exportB = folder.appendingPathComponent("b").path
        let second = folder.appendingPathComponent("second.mtdb").path
        #expect(try CommandLineTests.run(["db", "export", store, "--out", exportA]).status == 0)
        #expect(try CommandLineTests.run(["db", "init", second]).status == 0)
        #expect(try CommandLineTests.run(["db", "import", second, exportA]).status == 0)
        #expect(try CommandLineTests.run(["db", "export", second, "--out", exportB]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: exportA + "/dataset.json"))
        let b = try Data(contentsOf: URL(fileURLWithPath: exportB + "/dataset.json"))
        #expect(a == b && !a.isEmpty)

        // The whole log into a new store, the same hashes; then a row forged behind its back.
        let log1 = folder.appendingPathComponent("log.jsonl").path
        let third = folder.appendingPathComponent("third.mtdb").path
        #expect(try CommandLineTests.run(["db", "export", store, "--history", log1]).status == 0)
        #expect(try CommandLineTests.run(["db", "init", third]).status == 0)
        #expect(try CommandLineTests.run(["db", "import-history", third, log1]).status == 0)
        #expect(try CommandLineTests.run(["db", "verify", third]).status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            third, "DROP TRIGGER revisions_no_update; UPDATE revisions SET author = 'nobody' WHERE number = 2;",
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        let tampered = try CommandLineTests.run(["db", "verify", third])
        #expect(tampered.status == 1 && tampered.error.contains("revision 2"), "\(tampered.error)")
    }

    #if !PostgreSQL
        // Compiled only without the PostgreSQL trait: the AddressSanitizer stage's build.
        @Test("a build without PostgreSQL refuses a postgres:// store and says why, in both languages")
        func postgresNotBuilt() throws {
            let url = "postgres://metrotrace@127.0.0.1:1/none"
            let english = try CommandLineTests.run(["check", url, "--summary", "--lang", "en"])
            #expect(english.status == 2)
            #expect(english.error.contains("built without PostgreSQL"), "\(english.error)")
            let initialised = try CommandLineTests.run(["db", "init", url])
            #expect(initialised.status == 2 && initialised.error.contains(url), "\(initialised.error)")
            let chinese = try CommandLineTests.run(["check", url, "--summary", "--lang", "zh-Hans"])
            #expect(chinese.status == 2)
            #expect(chinese.error.contains("构建时未包含 PostgreSQL"), "\(chinese.error)")
        }
    #endif
}
