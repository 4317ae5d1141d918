#if PostgreSQL
    import Foundation
    import Logging
    import MetroTrace
    import NIOCore
    import NIOSSL
    import PostgresNIO

    /// A store in a PostgreSQL database (postgres-nio), shared by every MetroTrace that
    /// names it: the same tables as ``SQLiteRevisionStore``, and triggers (PL/pgSQL) that
    /// refuse UPDATE, DELETE and TRUNCATE of the log and an insert that does not continue the
    /// chain. Writers of any number of processes are serialised by a table lock taken at the
    /// start of the write transaction (`SHARE ROW EXCLUSIVE`, which readers' `ACCESS SHARE`
    /// does not wait for); readers see only committed revisions.
    ///
    /// The calls block their thread until the server answers (on SwiftNIO's event loops, so
    /// never call them from one); one connection serves the store, one call at a time.
    public final class PostgresRevisionStore: RevisionLog, @unchecked Sendable {
        /// The database, as its URL named it (without the password).
        public let server: PostgresLocation
        public var location: String { server.description }
        /// `$METROTRACE_CACHE_DIR`, else `$XDG_CACHE_HOME/metrotrace`, else
        /// `~/.cache/metrotrace`, and in it a folder of the store's own id.
        public private(set) var cacheFolder = ""

        private let connection: PostgresConnection
        /// The connection serves one call at a time (a transaction spans several queries);
        /// a write's check reads the store on the same connection, inside its transaction.
        private let lock = NSRecursiveLock()
        private let logger = Logger(label: "metrotrace.store.postgres")

        /// Opens the store the URL names.
        ///
        /// - Throws: `StoreError` when the server cannot be reached, the database holds no
        ///   store, or a newer MetroTrace wrote it.
        public convenience init(opening url: String) throws(StoreError) {
            try self.init(connectingTo: try PostgresLocation(url))
            let meta: [String: String]
            do {
                meta = try self.meta()
            } catch {
                throw StoreError(.key("store.not-a-store", ("store", .literal(location))))
            }
            guard let version = meta["schema"], let number = Int(version) else {
                throw StoreError(.key("store.not-a-store", ("store", .literal(location))))
            }
            guard number <= SQLiteRevisionStore.schemaVersion else {
                throw StoreError(
                    .key(
                        "store.newer-schema", ("store", .literal(location)), ("found", .literal(version)),
                        ("supported", .literal("\(SQLiteRevisionStore.schemaVersion)"))))
            }
            cacheFolder = Self.cacheFolder(id: meta["id"] ?? server.description.filter { $0.isLetter || $0.isNumber })
        }

        private init(connectingTo server: PostgresLocation) throws(StoreError) {
            self.server = server
            let configuration: PostgresConnection.Configuration
            do {
                configuration = try Self.configuration(server)
                connection = try PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1,
                    logger: logger
                ).wait()
            } catch {
                throw StoreError(
                    .key(
                        "store.postgres.cannot-connect", ("store", .literal(server.description)),
                        ("reason", .literal(Self.reason(error)))))
            }
        }

        deinit {
            try? connection.close().wait()
        }

        /// Creates the store's tables in the URL's database, which must exist and hold no
        /// store.
        public static func create(_ url: String) throws(StoreError) -> PostgresRevisionStore {
            let store = try PostgresRevisionStore(connectingTo: try PostgresLocation(url))
            if (try? store.meta()) != nil {
                throw StoreError(.key("store.exists", ("store", .literal(store.location))))
            }
            do {
                try store.transaction { connection in
                    for statement in schema {
                        _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: store.logger).wait()
                    }
                    _ = try connection.query(
                        """
                        INSERT INTO store_meta(key, value) VALUES ('schema', \(String(SQLiteRevisionStore.schemaVersion))),
                            ('created', \(StoreClock.now())), ('id', \(UUID().uuidString.lowercased()))
                        """, logger: store.logger
                    ).wait()
                }
            } catch {
                throw StoreError(
                    .key(
                        "store.cannot-create", ("store", .literal(store.location)),
                        ("reason", .literal(Self.reason(error)))))
            }
            return try PostgresRevisionStore(opening: url)
        }

        private static func configuration(_ server: PostgresLocation) throws -> PostgresConnection.Configuration {
            if let socket = server.socketFolder {
                let port = server.port
                return PostgresConnection.Configuration(
                    unixSocketPath: socket + "/.s.PGSQL.\(port)", username: server.user, password: server.password,
                    database: server.database)
            }
            let tls: PostgresConnection.Configuration.TLS
            switch server.tls {
            case .disable:
                tls = .disable
            case .prefer, .require:
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .none
                let context = try NIOSSLContext(configuration: configuration)
                tls = server.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            return PostgresConnection.Configuration(
                host: server.host, port: server.port, username: server.user, password: server.password,
                database: server.database, tls: tls)
        }

        /// The server's own words for a failure, without the generic text postgres-nio
        /// prints for every error.
        static func reason(_ error: any Error) -> String {
            if let error = error as? PSQLError {
                if let message = error.serverInfo?[.message] {
                    let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                    return message + detail
                }
                if let underlying = error.underlying { return "\(error.code): \(underlying)" }
                return "\(error.code)"
            }
            return "\(error)"
        }

        /// The tables, and the triggers that keep the log append-only and chained.
        static let schema: [String] = {
            var statements = [
                "CREATE TABLE store_meta (key text PRIMARY KEY, value text NOT NULL)",
                """
                CREATE TABLE revisions (
                    number bigint PRIMARY KEY CHECK (number >= 1),
                    committed_at text NOT NULL, author text NOT NULL, role text NOT NULL, reason text NOT NULL,
                    voided text NOT NULL, previous_hash text NOT NULL, hash text NOT NULL UNIQUE)
                """,
                "CREATE INDEX revisions_by_time ON revisions (committed_at)",
                """
                CREATE TABLE revision_parts (
                    revision bigint NOT NULL REFERENCES revisions(number),
                    field text NOT NULL CHECK (field IN ('added', 'corrected')), part integer NOT NULL,
                    text text NOT NULL, PRIMARY KEY (revision, field, part))
                """,
                """
                CREATE TABLE revision_entities (
                    revision bigint NOT NULL REFERENCES revisions(number), ordinal integer NOT NULL,
                    kind text NOT NULL, id text NOT NULL, action text NOT NULL, PRIMARY KEY (revision, ordinal))
                """,
                "CREATE INDEX revision_entities_by_entity ON revision_entities (kind, id)",
                """
                CREATE FUNCTION metrotrace_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the store is append-only: % on % is refused', TG_OP, TG_TABLE_NAME;
                END $$
                """,
                """
                CREATE FUNCTION metrotrace_continue_the_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.number <> (SELECT COALESCE(MAX(number), 0) + 1 FROM revisions)
                       OR NEW.previous_hash <> COALESCE((SELECT hash FROM revisions ORDER BY number DESC LIMIT 1),
                           '\(Revision.genesisHash)') THEN
                        RAISE EXCEPTION 'a revision must continue the chain: the next number, the last hash';
                    END IF;
                    RETURN NEW;
                END $$
                """,
                """
                CREATE FUNCTION metrotrace_rows_of_the_last_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM new_rows WHERE revision <> (SELECT MAX(number) FROM revisions)) THEN
                        RAISE EXCEPTION 'the store is append-only: rows of % belong to the last revision', TG_TABLE_NAME;
                    END IF;
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER revisions_continue_the_chain BEFORE INSERT ON revisions
                FOR EACH ROW EXECUTE FUNCTION metrotrace_continue_the_chain()
                """,
            ]
            for table in ["revision_parts", "revision_entities"] {
                statements.append(
                    """
                    CREATE TRIGGER \(table)_of_the_last_revision AFTER INSERT ON \(table)
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
                    EXECUTE FUNCTION metrotrace_rows_of_the_last_revision()
                    """)
            }
            for table in ["store_meta", "revisions", "revision_parts", "revision_entities"] {
                statements.append(
                    """
                    CREATE TRIGGER \(table)_no_change BEFORE UPDATE OR DELETE ON \(table)
                    FOR EACH ROW EXECUTE FUNCTION metrotrace_refuse_change()
                    """)
                statements.append(
                    """
                    CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
                    FOR EACH STATEMENT EXECUTE FUNCTION metrotrace_refuse_change()
                    """)
            }
            return statements
        }()

        // MARK: Connection

        /// Runs `body` on the connection, alone.
        private func using<T>(_ body: (PostgresConnection) throws -> T) throws(StoreError) -> T {
            lock.lock()
            defer { lock.unlock() }
            do {
                return try body(connection)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(
                    .key("store.unreadable", ("store", .literal(location)), ("reason", .literal(Self.reason(error)))))
            }
        }

        /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
        private func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
            lock.lock()
            defer { lock.unlock() }
            _ = try connection.query("BEGIN", logger: logger).wait()
            do {
                let value = try body(connection)
                _ = try connection.query("COMMIT", logger: logger).wait()
                return value
            } catch {
                _ = try? connection.query("ROLLBACK", logger: logger).wait()
                throw error
            }
        }

        private func meta() throws -> [String: String] {
            lock.lock()
            defer { lock.unlock() }
            var meta: [String: String] = [:]
            for row in try connection.query("SELECT key, value FROM store_meta", logger: logger).wait() {
                let (key, value) = try row.decode((String, String).self)
                meta[key] = value
            }
            return meta
        }

        /// Names the cache folder after the store's id, read once it is open.
        private static func cacheFolder(id: String) -> String {
            let environment = ProcessInfo.processInfo.environment
            let base =
                environment["METROTRACE_CACHE_DIR"]
                ?? environment["XDG_CACHE_HOME"].map { $0 + "/metrotrace" }
                ?? (NSHomeDirectory() + "/.cache/metrotrace")
            return base + "/postgres-" + id
        }

        // MARK: Reading

        public func head() throws(StoreError) -> RevisionHead? {
            try using { connection in try Self.head(connection, logger) }
        }

        private static func head(_ connection: PostgresConnection, _ logger: Logger) throws -> RevisionHead? {
            let rows = try connection.query(
                "SELECT number, hash, committed_at FROM revisions ORDER BY number DESC LIMIT 1", logger: logger
            ).wait()
            return try rows.first.map { row in
                let (number, hash, committedAt) = try row.decode((Int, String, String).self)
                return RevisionHead(number: number, hash: hash, committedAt: committedAt)
            }
        }

        public func hash(of number: Int) throws(StoreError) -> String? {
            try using { connection in
                let rows = try connection.query(
                    "SELECT hash FROM revisions WHERE number = \(number)", logger: logger
                ).wait()
                return try rows.first?.decode(String.self)
            }
        }

        public func revisions(_ range: ClosedRange<Int>) throws(StoreError) -> [Revision] {
            try using { connection in
                // The revisions first, then their parts up to the last one read: a revision
                // committed between the two queries is not half read.
                let rows = try connection.query(
                    """
                    SELECT number, committed_at, author, role, reason, voided, previous_hash, hash
                    FROM revisions WHERE number BETWEEN \(range.lowerBound) AND \(range.upperBound) ORDER BY number
                    """, logger: logger
                ).wait()
                var revisions: [Revision] = []
                for row in rows {
                    let (number, committedAt, author, role, reason, voided, previousHash, hash) = try row.decode(
                        (Int, String, String, String, String, String, String, String).self)
                    revisions.append(
                        Revision(
                            number: number, committedAt: committedAt, author: author,
                            role: Role(rawValue: role) ?? .reader, reason: reason,
                            content: RevisionContent(added: "", corrected: "", voided: EntityLines.decode(voided)),
                            previousHash: previousHash, hash: hash))
                }
                guard let first = revisions.first, let last = revisions.last else { return [] }
                let parts = try connection.query(
                    """
                    SELECT revision, field, text FROM revision_parts
                    WHERE revision BETWEEN \(first.number) AND \(last.number) ORDER BY revision, field, part
                    """, logger: logger
                ).wait()
                for row in parts {
                    let (number, field, text) = try row.decode((Int, String, String).self)
                    let index = number - first.number
                    guard revisions.indices.contains(index) else { continue }
                    if field == "added" {
                        revisions[index].content.added += text
                    } else {
                        revisions[index].content.corrected += text
                    }
                }
                return revisions
            }
        }

        public func summaries(_ range: ClosedRange<Int>) throws(StoreError) -> [RevisionSummary] {
            try using { connection in
                let rows = try connection.query(
                    """
                    SELECT number, committed_at, author, role, reason, hash
                    FROM revisions WHERE number BETWEEN \(range.lowerBound) AND \(range.upperBound) ORDER BY number
                    """, logger: logger
                ).wait()
                return try rows.map { row in
                    let (number, committedAt, author, role, reason, hash) = try row.decode(
                        (Int, String, String, String, String, String).self)
                    return RevisionSummary(
                        number: number, committedAt: committedAt, author: author, role: Role(rawValue: role) ?? .reader,
                        reason: reason, hash: hash)
                }
            }
        }

        public func touched(_ range: ClosedRange<Int>) throws(StoreError) -> [Int: [(
            entity: EntityReference, action: EntityAction
        )]] {
            try using { connection in
                let rows = try connection.query(
                    """
                    SELECT revision, kind, id, action FROM revision_entities
                    WHERE revision BETWEEN \(range.lowerBound) AND \(range.upperBound) ORDER BY revision, ordinal
                    """, logger: logger
                ).wait()
                var touched: [Int: [(entity: EntityReference, action: EntityAction)]] = [:]
                for row in rows {
                    let (number, kind, id, action) = try row.decode((Int, String, String, String).self)
                    guard let kind = EntityKind(rawValue: kind), let action = EntityAction(rawValue: action) else {
                        continue
                    }
                    touched[number, default: []].append((EntityReference(kind, id), action))
                }
                return touched
            }
        }

        public func revisionNumber(knownAt instant: String) throws(StoreError) -> Int {
            try using { connection in
                let rows = try connection.query(
                    "SELECT COALESCE(MAX(number), 0) FROM revisions WHERE committed_at <= \(instant)", logger: logger
                ).wait()
                return try rows.first?.decode(Int.self) ?? 0
            }
        }

        public func revisions(touching entity: EntityReference) throws(StoreError) -> [(
            number: Int, action: EntityAction
        )] {
            try using { connection in
                let rows = try connection.query(
                    """
                    SELECT revision, action FROM revision_entities WHERE kind = \(entity.kind.rawValue)
                    AND id = \(entity.id) ORDER BY revision
                    """, logger: logger
                ).wait()
                return try rows.map { row in
                    let (number, action) = try row.decode((Int, String).self)
                    return (number, EntityAction(rawValue: action) ?? .add)
                }
            }
        }

        // MARK: Writing

        /// Appends in a transaction that first takes the write lock on `revisions`.
        @discardableResult
        public func append(
            _ make: (RevisionHead?) throws(StoreError) -> (revision: Revision, change: RevisionChange)?
        ) throws(StoreError) -> Revision? {
            do {
                return try transaction { connection in
                    _ = try connection.query("LOCK TABLE revisions IN SHARE ROW EXCLUSIVE MODE", logger: logger).wait()
                    let head = try Self.head(connection, logger)
                    guard let made = try make(head) else { return nil }
                    try insert(made.revision, touching: made.change.touched, on: connection)
                    return made.revision
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(
                    .key("store.cannot-write", ("store", .literal(location)), ("reason", .literal(Self.reason(error)))))
            }
        }

        public func appendAll(_ revisions: [(revision: Revision, change: RevisionChange)]) throws(StoreError) {
            do {
                try transaction { connection in
                    _ = try connection.query("LOCK TABLE revisions IN SHARE ROW EXCLUSIVE MODE", logger: logger).wait()
                    guard try Self.head(connection, logger) == nil else {
                        throw StoreError(.key("store.history.not-empty", ("store", .literal(location))))
                    }
                    for (revision, change) in revisions {
                        try insert(revision, touching: change.touched, on: connection)
                    }
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(
                    .key("store.cannot-write", ("store", .literal(location)), ("reason", .literal(Self.reason(error)))))
            }
        }

        private func insert(
            _ revision: Revision, touching touched: [(entity: EntityReference, action: EntityAction)],
            on connection: PostgresConnection
        ) throws {
            _ = try connection.query(
                """
                INSERT INTO revisions (number, committed_at, author, role, reason, voided, previous_hash, hash)
                VALUES (\(revision.number), \(revision.committedAt), \(revision.author), \(revision.role.rawValue),
                    \(revision.reason), \(EntityLines.encode(revision.content.voided)), \(revision.previousHash),
                    \(revision.hash))
                """, logger: logger
            ).wait()
            for (field, text) in [("added", revision.content.added), ("corrected", revision.content.corrected)] {
                for (index, piece) in ContentParts.split(text).enumerated() {
                    _ = try connection.query(
                        """
                        INSERT INTO revision_parts (revision, field, part, text)
                        VALUES (\(revision.number), \(field), \(index), \(piece))
                        """, logger: logger
                    ).wait()
                }
            }
            // The entities in batches of arrays, one statement each.
            let batch = 20_000
            var start = 0
            while start < touched.count {
                let slice = touched[start..<min(touched.count, start + batch)]
                _ = try connection.query(
                    """
                    INSERT INTO revision_entities (revision, ordinal, kind, id, action)
                    SELECT \(revision.number), ordinal, kind, id, action
                    FROM unnest(\(Array(slice.indices)), \(slice.map(\.entity.kind.rawValue)), \(slice.map(\.entity.id)),
                        \(slice.map(\.action.rawValue))) AS t(ordinal, kind, id, action)
                    """, logger: logger
                ).wait()
                start += batch
            }
        }
    }
#endif
