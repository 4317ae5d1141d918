import Foundation
import MetroTrace
import MetroTraceIO
import Testing

@testable import MetroTraceStore

@Suite("the store, on each backend")
struct StoreTests {
    static var sample: Dataset {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try DatasetLoader.readDataset(root.appendingPathComponent("data/sample").path).dataset
        }
    }

    @Test(
        "an import is one revision; the network built from the store equals the dataset's",
        arguments: StoreBackend.available)
    func importAndReplay(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
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

    @Test(
        "a correction supersedes and a void withdraws; both keep the old version and need a reason",
        arguments: StoreBackend.available)
    func correctionsAndVoids(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
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

    @Test(
        "a change of a lab's scope needs the approver role; a reader writes nothing", arguments: StoreBackend.available)
    func roles(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
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

    @Test("the hash covers the canonical content byte for byte, as docs/store.md defines it")
    func canonicalContent() {
        let revision = Revision(
            number: 2, committedAt: "2026-12-01T09:30:00.125Z", author: "王", role: .recorder, reason: "due \"date\"",
            content: RevisionContent(
                added: "{\"metrotrace\":1}\n", corrected: "", voided: [EntityReference(.record, "R-1")]),
            previousHash: String(repeating: "a", count: 64), hash: "")
        let expected =
            #"{"metrotraceRevision":1,"number":2,"committedAt":"2026-12-01T09:30:00.125Z","author":"王","#
            + #""role":"recorder","reason":"due \"date\"","added":"{\"metrotrace\":1}\n","corrected":"","#
            + #""voided":[["record","R-1"]]}"#
        #expect(String(decoding: revision.canonicalContent, as: UTF8.self) == expected)
        #expect(revision.computedHash == SHA256.hex(Array((expected + revision.previousHash).utf8)))
    }

    @Test(
        "a write caches the network its revision gives; the log is read from the entity index in the change's order",
        arguments: StoreBackend.available)
    func writeCachesItsNetwork(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let sample = try Self.sample
        let first = try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "import")
        #expect(FileManager.default.fileExists(atPath: store.cacheFolder + "/\(first.hash).mtnet"))
        var record = try #require(sample.calibrations.first)
        record.procedure = "JJG 99-2022"
        let second = try store.commit(
            RevisionChange(corrected: Dataset(calibrations: [record])), author: "li", role: .recorder,
            reason: "procedure")
        let cached = try FileManager.default.contentsOfDirectory(atPath: store.cacheFolder).filter {
            $0.hasSuffix(".mtnet")
        }
        #expect(cached == ["\(second.hash).mtnet"])
        // A fresh handle (another process) reads the snapshot the write left.
        let reopened = try CentreStore(opening: temporary.location)
        let day = Day(iso: "2026-11-26")!
        #expect(try reopened.network(through: 2).validity(at: day) == CentreStore.build(sample).validity(at: day))
        let log = try RevisionLogReport(store: reopened)
        let expected = RevisionChange(added: sample).touched
        #expect(log.entries.count == 2)
        #expect(log.entries[0].touched.map(\.entity) == expected.map(\.entity))
        #expect(log.entries[0].touched.allSatisfy { $0.action == .add })
        #expect(log.entries[1].touched.map(\.entity) == [EntityReference(.record, record.id)])
        #expect(log.entries[1].touched.map(\.action) == [.correct])
        #expect(log.entries[1].author == "li" && log.entries[1].reason == "procedure")
    }

    @Test("a write that does not load changes nothing and says why", arguments: StoreBackend.available)
    func invalidWrite(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        var sample = try Self.sample
        sample.calibrations[0].item = "GHOST"
        #expect {
            try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "")
        } throws: { error in "\(error)".contains("unknown item \"GHOST\"") }
        #expect(try store.log.head() == nil)
    }

    @Test(
        "UPDATE and DELETE are refused by the database; a row altered behind MetroTrace's back is found",
        arguments: StoreBackend.available)
    func tampering(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let sample = try Self.sample
        try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "import")
        try store.commit(
            RevisionChange(voided: [EntityReference(.record, sample.calibrations[1].id)]), author: "wang", role: .admin,
            reason: "void")
        let location = temporary.location
        #expect {
            try backend.execute("UPDATE revisions SET reason = 'x' WHERE number = 1", on: location)
        } throws: { error in "\(error)".contains("append-only") }
        #expect(throws: (any Error).self) {
            try backend.execute("DELETE FROM revisions WHERE number = 2", on: location)
        }
        #expect(throws: (any Error).self) {
            try backend.execute("DELETE FROM revision_parts WHERE revision = 1", on: location)
        }
        // A row may not be added to a revision already committed.
        #expect {
            try backend.execute(
                "INSERT INTO revision_entities (revision, ordinal, kind, id, action) VALUES (1, 100000, 'record', 'X', 'add')",
                on: location)
        } throws: { error in "\(error)".contains("last revision") }
        if backend == .postgres {
            #expect(throws: (any Error).self) { try backend.execute("TRUNCATE revision_entities", on: location) }
        }
        #expect(try store.verify() == nil)
        // Behind the triggers' back: protection turned off, the row edited.
        try backend.execute(
            backend.disableProtection(of: "revisions") + " UPDATE revisions SET reason = 'forged' WHERE number = 1;",
            on: location)
        #expect(try store.verify()?.revision == 1)
    }

    @Test("a store of a newer schema is refused with the reason", arguments: StoreBackend.available)
    func newerSchema(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        try backend.execute(
            backend.disableProtection(of: "store_meta") + " UPDATE store_meta SET value = '99' WHERE key = 'schema';",
            on: temporary.location)
        #expect {
            _ = try CentreStore(opening: temporary.location)
        } throws: { error in "\(error)".contains("newer MetroTrace (store schema 99)") }
    }

    @Test(
        "known-at: the revision committed at or before an instant; days mean their end",
        arguments: StoreBackend.available)
    func knownAt(backend: StoreBackend) throws {
        #expect(StoreClock.instant("2026-09-01") == "2026-09-01T23:59:59.999Z")
        #expect(StoreClock.instant("2026-09-01T12:00:00+08:00") == "2026-09-01T04:00:00.000Z")
        #expect(StoreClock.instant("yesterday") == nil)
        #expect(StoreClock.now(after: "2999-01-01T00:00:00.000Z") == "2999-01-01T00:00:00.000Z")
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        try store.commit(RevisionChange(added: try Self.sample), author: "wang", role: .admin, reason: "import")
        let first = try store.log.head()!
        #expect(try store.revisionNumber(revision: nil, knownAt: "2000-01-01T00:00:00.000Z") == 0)
        #expect(try store.revisionNumber(revision: nil, knownAt: first.committedAt) == 1)
        #expect(throws: StoreError.self) { try store.revisionNumber(revision: 5, knownAt: nil) }
        #expect(try store.network(through: 0).itemCount == 0)
    }
}

@Suite("PostgreSQL store URLs")
struct PostgresLocationTests {
    @Test("user, password, host, port, database, socket and TLS mode are read as libpq reads them")
    func parsing() throws {
        let full = try PostgresLocation("postgres://wang:s%40cret@db.jx:6543/centre?sslmode=require", environment: [:])
        #expect(full.user == "wang" && full.password == "s@cret" && full.host == "db.jx" && full.port == 6543)
        #expect(full.database == "centre" && full.tls == .require)
        #expect(full.description == "postgres://wang@db.jx:6543/centre")
        let defaults = try PostgresLocation("postgresql://", environment: ["USER": "li", "PGPASSWORD": "pw"])
        #expect(defaults.user == "li" && defaults.database == "li" && defaults.port == 5432 && defaults.tls == .prefer)
        #expect(defaults.password == "pw")
        let socket = try PostgresLocation("postgres://zhao@/jx?host=/run/postgresql", environment: [:])
        #expect(socket.socketFolder == "/run/postgresql" && socket.database == "jx")
        #expect {
            _ = try PostgresLocation("postgres://u:secret@h/d?sslmode=maybe", environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains("sslmode \"maybe\"") && !text.contains("secret")
        }
    }

    @Test("CI runs the PostgreSQL tests: a server is given whenever one is required")
    func serverGivenWhenRequired() {
        let required = ProcessInfo.processInfo.environment["METROTRACE_REQUIRE_POSTGRES"] == "1"
        #expect(!required || StoreBackend.postgresServer != nil)
    }
}
