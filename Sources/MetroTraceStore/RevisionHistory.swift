import Foundation
import MetroTrace
import MetroTraceIO

/// The log as JSON Lines (`db export --history`, `db import-history`): one revision per
/// line, its hashed fields as ``Revision/canonicalContent`` has them, then
/// `previousHash` and `hash`. The stored documents travel as strings, byte for byte, so
/// a log replayed into another store, of either backend, has the same hashes.
public enum RevisionHistory {
    /// The line of one revision (without the newline).
    public static func line(_ revision: Revision) -> [UInt8] {
        var line = revision.canonicalContent
        // The canonical object without its closing brace, and the two hashes after it.
        line.removeLast()
        var tail = JSONWriter(pretty: false)
        tail.beginObject()
        tail.member("previousHash", revision.previousHash)
        tail.member("hash", revision.hash)
        tail.endObject()
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: tail.take().dropFirst())
        return line
    }

    /// The revision a line holds, as it was stored (its hash is not recomputed here).
    ///
    /// - Throws: `StoreError` naming the file, the line and what is wrong.
    public static func revision(_ line: some Collection<UInt8>, file: String, lineNumber: Int) throws(StoreError)
        -> Revision
    {
        func refuse(_ reason: String) -> StoreError {
            StoreError(
                .key(
                    "store.history.bad-line", ("file", .literal(file)), ("line", .literal("\(lineNumber)")),
                    ("reason", .literal(reason))))
        }
        let fields: Line
        do {
            fields = try JSONDecoder().decode(Line.self, from: Data(line))
        } catch DecodingError.keyNotFound(let key, _) {
            throw refuse("the field \"\(key.stringValue)\" is missing")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.dataCorrupted(let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw refuse(path.isEmpty ? "not a JSON object" : "the field \"\(path)\" has the wrong type")
        } catch {
            throw refuse("not a JSON object")
        }
        guard fields.metrotraceRevision == RevisionContent.formatVersion else {
            throw refuse(
                "revision format \(fields.metrotraceRevision); this MetroTrace reads \(RevisionContent.formatVersion)")
        }
        guard let role = Role(rawValue: fields.role) else { throw refuse("unknown role \"\(fields.role)\"") }
        var voided: [EntityReference] = []
        for pair in fields.voided {
            guard pair.count == 2, let kind = EntityKind(rawValue: pair[0]) else {
                throw refuse("a voided entity is not [kind, id]")
            }
            voided.append(EntityReference(kind, pair[1]))
        }
        return Revision(
            number: fields.number, committedAt: fields.committedAt, author: fields.author, role: role,
            reason: fields.reason,
            content: RevisionContent(added: fields.added, corrected: fields.corrected, voided: voided),
            previousHash: fields.previousHash, hash: fields.hash)
    }

    private struct Line: Decodable {
        var metrotraceRevision: Int
        var number: Int
        var committedAt: String
        var author: String
        var role: String
        var reason: String
        var added: String
        var corrected: String
        var voided: [[String]]
        var previousHash: String
        var hash: String
    }
}

extension CentreStore {
    /// Writes every revision, in order, as a line of ``RevisionHistory`` to `write`.
    ///
    /// - Returns: the number of revisions written.
    @discardableResult
    public func exportHistory(_ write: ([UInt8]) throws -> Void) throws(StoreError) -> Int {
        guard let head = try log.head() else { return 0 }
        var start = 1
        while start <= head.number {
            for revision in try log.revisions(start...min(head.number, start + 63)) {
                var line = RevisionHistory.line(revision)
                line.append(UInt8(ascii: "\n"))
                do {
                    try write(line)
                } catch {
                    throw StoreError(.key("store.history.cannot-write", ("reason", .literal("\(error)"))))
                }
            }
            start += 64
        }
        return head.number
    }

    /// Replays a log exported by ``exportHistory(_:)`` into this store, which must be
    /// empty: every revision keeps its number, time, author, role, reason and hash.
    /// Each line's hash is recomputed and its link to the one before checked, each
    /// revision is checked against the dataset the ones before leave, and the last
    /// dataset must build, before anything is written; then all of it is appended.
    ///
    /// - Returns: the number of revisions.
    @discardableResult
    public func importHistory(_ revisions: [Revision], file: String) throws(StoreError) -> Int {
        var replay = StoreReplay()
        var changes: [RevisionChange] = []
        var previous = Revision.genesisHash
        for (index, revision) in revisions.enumerated() {
            func refuse(_ problem: LocalizedText, dataset: DatasetError? = nil) -> StoreError {
                StoreError(
                    .key(
                        "store.history.bad-revision", ("file", .literal(file)), ("line", .literal("\(index + 1)")),
                        ("revision", .literal("\(revision.number)")), ("problem", problem)), dataset: dataset)
            }
            guard revision.number == index + 1 else {
                throw refuse(.key("store.verify.gap", ("found", .literal("\(revision.number)"))))
            }
            guard revision.previousHash == previous else { throw refuse(.key("store.verify.link")) }
            guard revision.computedHash == revision.hash else { throw refuse(.key("store.verify.hash")) }
            let change: RevisionChange
            do throws(DatasetError) {
                change = try revision.content.change(revision: revision.number)
            } catch {
                throw refuse(.key("store.write-invalid"), dataset: error)
            }
            let conflicts = replay.conflicts(of: change)
            guard conflicts.isEmpty else { throw refuse(.list(conflicts)) }
            replay.apply(change, revision: revision.number)
            changes.append(change)
            previous = revision.hash
        }
        _ = try Self.build(replay.dataset)
        try log.appendAll(zip(revisions, changes).map { ($0, $1) })
        return revisions.count
    }
}
