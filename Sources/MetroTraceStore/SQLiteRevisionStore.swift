import Foundation
import GRDB
import MetroTrace

/// A store in one SQLite file (GRDB, WAL mode): the revision log, the entities each
/// revision touches, and the schema's version. Triggers refuse every UPDATE and DELETE
/// of the log, and an insert that does not continue it (its number the next, its
/// previous hash the last one's): the chain is kept by the database, not only by this
/// code. Readers never wait for the writer; writers of several processes are serialised
/// by SQLite's write lock (an IMMEDIATE transaction, waited for up to a minute).
public final class SQLiteRevisionStore: RevisionLog {
    /// The version of the schema this MetroTrace writes and reads.
    public static let schemaVersion = 1

    /// The file.
    public let path: String
    public var location: String { path }
    /// `centre.mtdb.cache` beside the store.
    public var cacheFolder: String { path + ".cache" }
    private let pool: DatabasePool

    /// Opens the store at `path`.
    ///
    /// - Throws: `StoreError` when there is no store there, when it is not one, or when
    ///   a newer MetroTrace wrote it.
    public init(opening path: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.key("store.missing", ("store", .literal(path))))
        }
        self.path = path
        pool = try Self.pool(path)
        let version: String?
        do {
            version = try pool.read { db in
                guard try db.tableExists("store_meta") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'schema'")
            }
        } catch {
            throw StoreError(.key("store.unreadable", ("store", .literal(path)), ("reason", .literal("\(error)"))))
        }
        guard let version, let number = Int(version) else {
            throw StoreError(.key("store.not-a-store", ("store", .literal(path))))
        }
        guard number <= Self.schemaVersion else {
            throw StoreError(
                .key(
                    "store.newer-schema", ("store", .literal(path)), ("found", .literal(version)),
                    ("supported", .literal("\(Self.schemaVersion)"))))
        }
    }

    /// Creates an empty store at `path`, which must not exist.
    public static func create(_ path: String) throws(StoreError) -> SQLiteRevisionStore {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.key("store.exists", ("store", .literal(path))))
        }
        let pool = try Self.pool(path)
        do {
            try pool.write { db in
                for statement in schema { try db.execute(sql: statement) }
                try db.execute(
                    sql: "INSERT INTO store_meta(key, value) VALUES ('schema', ?), ('created', ?)",
                    arguments: ["\(schemaVersion)", StoreClock.now()])
            }
            try pool.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError(.key("store.cannot-create", ("store", .literal(path)), ("reason", .literal("\(error)"))))
        }
        return try SQLiteRevisionStore(opening: path)
    }

    private static func pool(_ path: String) throws(StoreError) -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.key("store.unreadable", ("store", .literal(path)), ("reason", .literal("\(error)"))))
        }
    }

    /// The tables and the triggers that keep the log append-only and chained.
    static let schema =
        [
            "CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT",
            """
            CREATE TABLE revisions (
                number INTEGER PRIMARY KEY NOT NULL CHECK (number >= 1),
                committed_at TEXT NOT NULL, author TEXT NOT NULL, role TEXT NOT NULL, reason TEXT NOT NULL,
                voided TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE) STRICT
            """,
            // The added and corrected documents, in pieces (`ContentParts`).
            """
            CREATE TABLE revision_parts (
                revision INTEGER NOT NULL REFERENCES revisions(number), field TEXT NOT NULL
                    CHECK (field IN ('added', 'corrected')), part INTEGER NOT NULL, text TEXT NOT NULL,
                PRIMARY KEY (revision, field, part)) STRICT
            """,
            """
            CREATE TABLE revision_entities (
                revision INTEGER NOT NULL REFERENCES revisions(number), ordinal INTEGER NOT NULL,
                kind TEXT NOT NULL, id TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (revision, ordinal)) STRICT
            """,
            "CREATE INDEX revision_entities_by_entity ON revision_entities (kind, id)",
            """
            CREATE TRIGGER revisions_continue_the_chain BEFORE INSERT ON revisions
            WHEN NEW.number != (SELECT COALESCE(MAX(number), 0) + 1 FROM revisions)
              OR NEW.previous_hash != COALESCE((SELECT hash FROM revisions ORDER BY number DESC LIMIT 1), '\(Revision.genesisHash)')
            BEGIN SELECT RAISE(ABORT, 'a revision must continue the chain: the next number, the last hash'); END
            """,
        ]
        + ["revision_parts", "revision_entities"].map { table in
            // A revision's rows are written with it, never added to it later.
            """
            CREATE TRIGGER \(table)_of_the_last_revision BEFORE INSERT ON \(table)
            WHEN NEW.revision != (SELECT MAX(number) FROM revisions)
            BEGIN SELECT RAISE(ABORT, 'the store is append-only: rows of \(table) belong to the last revision'); END
            """
        }
        + ["store_meta", "revisions", "revision_parts", "revision_entities"].flatMap { table in
            ["UPDATE", "DELETE"].map { operation in
                """
                CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                BEGIN SELECT RAISE(ABORT, 'the store is append-only: \(operation) on \(table) is refused'); END
                """
            }
        }

    // MARK: Reading

    public func head() throws(StoreError) -> RevisionHead? {
        try reading(Self.head)
    }

    /// The latest revision as `db` sees it (inside a write transaction: under its lock).
    static func head(in db: Database) throws -> RevisionHead? {
        try Row.fetchOne(db, sql: "SELECT number, hash, committed_at FROM revisions ORDER BY number DESC LIMIT 1")
            .map { RevisionHead(number: $0[0], hash: $0[1], committedAt: $0[2]) }
    }

    public func hash(of number: Int) throws(StoreError) -> String? {
        try reading { db in
            try String.fetchOne(db, sql: "SELECT hash FROM revisions WHERE number = ?", arguments: [number])
        }
    }

    public func revisions(_ range: ClosedRange<Int>) throws(StoreError) -> [Revision] {
        try reading { db in
            var documents: [Int: (added: String, corrected: String)] = [:]
            let parts = try Row.fetchCursor(
                db,
                sql: """
                    SELECT revision, field, text FROM revision_parts WHERE revision BETWEEN ? AND ?
                    ORDER BY revision, field, part
                    """, arguments: [range.lowerBound, range.upperBound])
            while let part = try parts.next() {
                let number: Int = part[0]
                let field: String = part[1]
                let text: String = part[2]
                if field == "added" {
                    documents[number, default: ("", "")].added += text
                } else {
                    documents[number, default: ("", "")].corrected += text
                }
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT number, committed_at, author, role, reason, voided, previous_hash, hash
                    FROM revisions WHERE number BETWEEN ? AND ? ORDER BY number
                    """, arguments: [range.lowerBound, range.upperBound]
            ).map { row in
                let number: Int = row[0]
                let role: String = row[3]
                let document = documents[number] ?? ("", "")
                return Revision(
                    number: number, committedAt: row[1], author: row[2], role: Role(rawValue: role) ?? .reader,
                    reason: row[4],
                    content: RevisionContent(
                        added: document.added, corrected: document.corrected, voided: EntityLines.decode(row[5])),
                    previousHash: row[6], hash: row[7])
            }
        }
    }

    public func summaries(_ range: ClosedRange<Int>) throws(StoreError) -> [RevisionSummary] {
        try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT number, committed_at, author, role, reason, hash
                    FROM revisions WHERE number BETWEEN ? AND ? ORDER BY number
                    """, arguments: [range.lowerBound, range.upperBound]
            ).map { row in
                let role: String = row[3]
                return RevisionSummary(
                    number: row[0], committedAt: row[1], author: row[2], role: Role(rawValue: role) ?? .reader,
                    reason: row[4], hash: row[5])
            }
        }
    }

    public func touched(_ range: ClosedRange<Int>) throws(StoreError) -> [Int: [(
        entity: EntityReference, action: EntityAction
    )]] {
        try reading { db in
            var touched: [Int: [(entity: EntityReference, action: EntityAction)]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT revision, kind, id, action FROM revision_entities
                    WHERE revision BETWEEN ? AND ? ORDER BY revision, ordinal
                    """, arguments: [range.lowerBound, range.upperBound])
            while let row = try rows.next() {
                let kind: String = row[1]
                let action: String = row[3]
                guard let kind = EntityKind(rawValue: kind), let action = EntityAction(rawValue: action) else {
                    continue
                }
                touched[row[0], default: []].append((EntityReference(kind, row[2]), action))
            }
            return touched
        }
    }

    public func revisionNumber(knownAt instant: String) throws(StoreError) -> Int {
        try reading { db in
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(number), 0) FROM revisions WHERE committed_at <= ?", arguments: [instant])
                ?? 0
        }
    }

    public func revisions(touching entity: EntityReference) throws(StoreError) -> [(number: Int, action: EntityAction)]
    {
        try reading { db in
            try Row.fetchAll(
                db, sql: "SELECT revision, action FROM revision_entities WHERE kind = ? AND id = ? ORDER BY revision",
                arguments: [entity.kind.rawValue, entity.id]
            ).map { ($0[0], EntityAction(rawValue: $0[1]) ?? .add) }
        }
    }

    private func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(.key("store.unreadable", ("store", .literal(path)), ("reason", .literal("\(error)"))))
        }
    }

    // MARK: Writing

    /// Appends in one IMMEDIATE transaction: SQLite's write lock is taken before `make`
    /// reads the head. A GRDB error names SQLite's own reason.
    @discardableResult
    public func append(
        _ make: (RevisionHead?) throws(StoreError) -> (revision: Revision, change: RevisionChange)?
    ) throws(StoreError) -> Revision? {
        var refusal: StoreError?
        var appended: Revision?
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let head = try Self.head(in: db)
                    let made: (revision: Revision, change: RevisionChange)?
                    do throws(StoreError) {
                        made = try make(head)
                    } catch {
                        refusal = error
                        return .rollback
                    }
                    guard let made else { return .rollback }
                    let revision = made.revision
                    try Self.insert(revision, touching: made.change.touched, into: db)
                    appended = revision
                    return .commit
                }
            }
        } catch {
            throw StoreError(.key("store.cannot-write", ("store", .literal(path)), ("reason", .literal("\(error)"))))
        }
        if let refusal { throw refusal }
        return appended
    }

    public func appendAll(_ revisions: [(revision: Revision, change: RevisionChange)]) throws(StoreError) {
        var refusal: StoreError?
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    guard try Self.head(in: db) == nil else {
                        refusal = StoreError(.key("store.history.not-empty", ("store", .literal(path))))
                        return .rollback
                    }
                    for (revision, change) in revisions {
                        try Self.insert(revision, touching: change.touched, into: db)
                    }
                    return .commit
                }
            }
        } catch {
            throw StoreError(.key("store.cannot-write", ("store", .literal(path)), ("reason", .literal("\(error)"))))
        }
        if let refusal { throw refusal }
    }

    static func insert(
        _ revision: Revision, touching touched: [(entity: EntityReference, action: EntityAction)], into db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO revisions (number, committed_at, author, role, reason, voided, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                revision.number, revision.committedAt, revision.author, revision.role.rawValue, revision.reason,
                EntityLines.encode(revision.content.voided), revision.previousHash, revision.hash,
            ])
        let part = try db.makeStatement(
            sql: "INSERT INTO revision_parts (revision, field, part, text) VALUES (?, ?, ?, ?)")
        for (field, text) in [("added", revision.content.added), ("corrected", revision.content.corrected)] {
            for (index, piece) in ContentParts.split(text).enumerated() {
                try part.execute(arguments: [revision.number, field, index, piece])
            }
        }
        let statement = try db.makeStatement(
            sql: "INSERT INTO revision_entities (revision, ordinal, kind, id, action) VALUES (?, ?, ?, ?, ?)")
        for (ordinal, (entity, action)) in touched.enumerated() {
            try statement.execute(arguments: [
                revision.number, ordinal, entity.kind.rawValue, entity.id, action.rawValue,
            ])
        }
    }
}

/// Voided entities as stored: one `kind<TAB>id` per line (ids hold no control characters).
enum EntityLines {
    static func encode(_ entities: [EntityReference]) -> String {
        entities.map { "\($0.kind.rawValue)\t\($0.id)\n" }.joined()
    }

    static func decode(_ text: String) -> [EntityReference] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let kind = EntityKind(rawValue: String(parts[0])) else { return nil }
            return EntityReference(kind, String(parts[1]))
        }
    }
}
