import Foundation
import MetroTrace
import MetroTraceIO
import Testing

@testable import MetroTraceStore

@Suite("a store's exchange: datasets and whole logs")
struct StoreExchangeTests {
    /// A store with an import, a correction and a void.
    static func populated(_ backend: StoreBackend) throws -> TemporaryStore {
        let temporary = try backend.temporaryStore()
        let sample = try StoreTests.sample
        let store = temporary.store
        try store.commit(RevisionChange(added: sample), author: "wang", role: .admin, reason: "import")
        var record = sample.calibrations[0]
        record.due = record.date
        try store.commit(
            RevisionChange(corrected: Dataset(calibrations: [record])), author: "li", role: .recorder,
            reason: "due date typed wrong")
        try store.commit(
            RevisionChange(voided: [EntityReference(.record, sample.calibrations[1].id)]), author: "li",
            role: .recorder, reason: "entered twice")
        return temporary
    }

    @Test("an exported dataset imported into a new store exports to the same bytes", arguments: StoreBackend.available)
    func datasetRoundTrip(backend: StoreBackend) throws {
        let first = try Self.populated(backend)
        defer { first.remove() }
        let exported = DatasetJSON.document(try first.store.replay().dataset)
        let second = try backend.temporaryStore()
        defer { second.remove() }
        var collector = DatasetCollector()
        DatasetLoader.read(bytes: Array(exported.utf8), named: "dataset.json", into: &collector)
        #expect(!collector.log.hasErrors)
        try second.store.commit(RevisionChange(added: collector.dataset), author: "zhao", role: .admin, reason: "")
        #expect(DatasetJSON.document(try second.store.replay().dataset) == exported)
        // As known before the correction, the record has its first due date.
        let before = try first.store.replay(through: 1).dataset
        #expect(before.calibrations.count == collector.dataset.calibrations.count + 1)
    }

    @Test(
        "a log moves between backends with identical hashes, and a forged line is refused",
        arguments: StoreBackend.available.flatMap { from in StoreBackend.available.map { (from, $0) } })
    func historyBetweenBackends(from: StoreBackend, to: StoreBackend) throws {
        let source = try Self.populated(from)
        defer { source.remove() }
        var lines: [UInt8] = []
        #expect(try source.store.exportHistory { lines.append(contentsOf: $0) } == 3)
        let revisions = try lines.split(separator: UInt8(ascii: "\n")).enumerated().map { index, line in
            try RevisionHistory.revision(line, file: "log.jsonl", lineNumber: index + 1)
        }
        let target = try to.temporaryStore()
        defer { target.remove() }
        try target.store.importHistory(revisions, file: "log.jsonl")
        #expect(try target.store.log.revisions(1...3) == source.store.log.revisions(1...3))
        #expect(try target.store.verify() == nil)
        var again: [UInt8] = []
        try target.store.exportHistory { again.append(contentsOf: $0) }
        #expect(again == lines)
        // Into a store that holds revisions: refused; a forged reason: refused, naming it.
        #expect(throws: StoreError.self) { try target.store.importHistory(revisions, file: "log.jsonl") }
        var forged = revisions
        forged[1].reason = "nobody made a mistake"
        let empty = try to.temporaryStore()
        defer { empty.remove() }
        #expect {
            try empty.store.importHistory(forged, file: "log.jsonl")
        } throws: { error in "\(error)".contains("log.jsonl:2: revision 2") }
        #expect(try empty.store.log.head() == nil)
    }

    @Test("a history line that is not a revision is refused with its line and field")
    func badLine() {
        #expect {
            _ = try RevisionHistory.revision(Array(#"{"number": 1}"#.utf8), file: "h.jsonl", lineNumber: 7)
        } throws: { error in "\(error)".contains("h.jsonl:7") && "\(error)".contains("missing") }
        #expect(throws: StoreError.self) {
            _ = try RevisionHistory.revision(Array("not json".utf8), file: "h.jsonl", lineNumber: 1)
        }
    }

    @Test(
        "an import's addition commits only what is new; all of it there again commits nothing",
        arguments: StoreBackend.available)
    func additions(backend: StoreBackend) throws {
        let temporary = try backend.temporaryStore()
        defer { temporary.remove() }
        let sample = try StoreTests.sample
        let first = try temporary.store.commitAddition(sample, author: "wang", role: .admin, reason: "import")
        #expect(first.revision?.number == 1 && first.skippedRecords.isEmpty)
        let again = try temporary.store.commitAddition(sample, author: "wang", role: .admin, reason: "import")
        #expect(again.revision == nil && again.skippedRecords.count == sample.calibrations.count)
        #expect(try temporary.store.log.head()?.number == 1)
    }
}
