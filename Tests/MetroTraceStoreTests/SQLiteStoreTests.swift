import Foundation
import MetroTrace
import MetroTraceIO
import Testing

@testable import MetroTraceStore

@Suite("the SQLite store")
struct SQLiteStoreTests {
    static func temporaryStore() throws -> (store: CentreStore, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "metrotrace-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try CentreStore.create(folder.appendingPathComponent("centre.mtdb").path), folder)
    }

    static var sample: Dataset {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try DatasetLoader.readDataset(root.appendingPathComponent("data/sample").path).dataset
        }
    }

    @Test("an import is one revision; the network built from the store equals the dataset's")
    func importAndReplay() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try Self.sample
        let revision = try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "import")
        #expect(revision.number == 1 && revision.previousHash == Revision.genesisHash)
        #expect(revision.hash == revision.computedHash)
        let fromStore = try store.network(through: 1)
        let direct = try CentreStore.build(sample)
        let day = Day(iso: "2026-11-26")!
        #expect(fromStore.itemCount == direct.itemCount && fromStore.recordCount == direct.recordCount)
        #expect(fromStore.validity(at: day) == direct.validity(at: day))
        // The second read comes from the snapshot cached under the revision's hash.
        #expect(FileManager.default.fileExists(atPath: store.cacheFolder + "/\(revision.hash).mtnet"))
        #expect(try store.network(through: 1).validity(at: day) == direct.validity(at: day))
        #expect(try store.verify() == nil)
    }

    @Test("a correction supersedes and a void withdraws; both keep the old version and need a reason")
    func correctionsAndVoids() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try Self.sample
        try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "import")
        var record = sample.calibrations[0]
        let originalDue = record.due
        record.due = record.date
        #expect(throws: StoreError.self) {
            try store.commit(
                RevisionChange(corrected: Dataset(calibrations: [record])), author: "li", role: .admin, reason: " ")
        }
        try store.commit(
            RevisionChange(corrected: Dataset(calibrations: [record])), author: "li", role: .admin, reason: "due date")
        #expect(try store.replay(through: 1).record(record.id)?.due == originalDue)
        #expect(try store.replay(through: 2).record(record.id)?.due == record.date)
        // Voiding an unknown record, or adding one that is there, is refused with the reason.
        #expect {
            try store.commit(
                RevisionChange(voided: [EntityReference(.record, "NO-SUCH")]), author: "li", role: .admin,
                reason: "gone")
        } throws: { error in "\(error)".contains("record NO-SUCH is not in the store") }
        #expect {
            try store.commit(
                RevisionChange(added: Dataset(calibrations: [record])), author: "li", role: .admin, reason: "")
        } throws: { error in "\(error)".contains("is already in the store") }
        try store.commit(
            RevisionChange(voided: [EntityReference(.record, record.id)]), author: "li", role: .admin, reason: "dup")
        #expect(try store.replay().record(record.id) == nil)
        #expect(try store.log.head()?.number == 3)
        #expect(
            try store.log.revisions(touching: EntityReference(.record, record.id)).map(\.action) == [
                .add, .correct, .void,
            ])
        #expect(try store.verify() == nil)
    }

    @Test("a change of a lab's scope needs the approver role; a reader writes nothing")
    func roles() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try Self.sample
        #expect(throws: StoreError.self) {
            try store.commit(RevisionChange(added: sample), author: "zhao", role: .recorder, reason: "")
        }
        #expect(throws: StoreError.self) {
            try store.commit(RevisionChange(added: sample), author: "zhao", role: .reader, reason: "")
        }
        #expect(try store.log.head() == nil)
        try store.commit(RevisionChange(added: sample), author: "zhao", role: .approver, reason: "")
        #expect(try store.log.head()?.number == 1)
    }

    @Test("a write that does not load changes nothing and says why")
    func invalidWrite() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sample = try Self.sample
        sample.calibrations[0].item = "GHOST"
        #expect {
            try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "")
        } throws: { error in "\(error)".contains("unknown item \"GHOST\"") }
        #expect(try store.log.head() == nil)
    }

    @Test("UPDATE and DELETE are refused by the database; a row altered behind MetroTrace's back is found")
    func tampering() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try Self.sample
        try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "import")
        try store.commit(
            RevisionChange(voided: [EntityReference(.record, sample.calibrations[1].id)]), author: "wang", role: .admin,
            reason: "void")
        func sqlite(_ sql: String) throws -> (status: Int32, error: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [store.log.path, sql]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            return (
                process.terminationStatus,
                String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            )
        }
        let update = try sqlite("UPDATE revisions SET reason = 'x' WHERE number = 1")
        #expect(update.status != 0 && update.error.contains("append-only"))
        #expect(try sqlite("DELETE FROM revisions WHERE number = 2").status != 0)
        #expect(try store.verify() == nil)
        // Behind the triggers' back: dropped, the row edited, recreated.
        let edit = try sqlite(
            "DROP TRIGGER revisions_no_update; UPDATE revisions SET reason = 'forged' WHERE number = 1;")
        #expect(edit.status == 0, "\(edit.error)")
        let found = try store.verify()
        #expect(found?.revision == 1)
    }

    @Test("a store of a newer schema is refused with the reason")
    func newerSchema() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = store.log.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [
            path, "DROP TRIGGER store_meta_no_update; UPDATE store_meta SET value = '99' WHERE key = 'schema';",
        ]
        try process.run()
        process.waitUntilExit()
        #expect {
            _ = try CentreStore(opening: path)
        } throws: { error in "\(error)".contains("newer MetroTrace (store schema 99)") }
    }

    @Test("known-at: the revision committed at or before an instant; days mean their end")
    func knownAt() throws {
        #expect(StoreClock.instant("2026-09-01") == "2026-09-01T23:59:59.999Z")
        #expect(StoreClock.instant("2026-09-01T12:00:00+08:00") == "2026-09-01T04:00:00.000Z")
        #expect(StoreClock.instant("yesterday") == nil)
        #expect(StoreClock.now(after: "2999-01-01T00:00:00.000Z") == "2999-01-01T00:00:00.000Z")
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.commit(RevisionChange(added: try Self.sample), author: "wang", role: .admin, reason: "import")
        let first = try store.log.head()!
        #expect(try store.revisionNumber(revision: nil, knownAt: "2000-01-01T00:00:00.000Z") == 0)
        #expect(try store.revisionNumber(revision: nil, knownAt: first.committedAt) == 1)
        #expect(throws: StoreError.self) { try store.revisionNumber(revision: 5, knownAt: nil) }
        #expect(try store.network(through: 0).itemCount == 0)
    }
}
