import Foundation
import MetroTrace
import MetroTraceIO
import Testing

@testable import MetroTraceStore

/// The backends the store tests run on: SQLite always; PostgreSQL when
/// `METROTRACE_TEST_POSTGRES` names a server (`scripts/test.sh` starts one), each test in
/// a database of its own.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// The server's URL (any database of it), when the PostgreSQL tests run.
    static let postgresServer = ProcessInfo.processInfo.environment["METROTRACE_TEST_POSTGRES"]

    /// SQLite, and PostgreSQL when a server is given.
    static var available: [StoreBackend] { postgresServer == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// A new, empty store of this backend; `remove` drops it.
    func temporaryStore() throws -> TemporaryStore {
        let name = "metrotrace_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let location = folder.appendingPathComponent("centre.mtdb").path
            return TemporaryStore(
                backend: self, location: location, store: try CentreStore.create(location),
                remove: { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            let server = try #require(Self.postgresServer)
            try Self.psql(server, "CREATE DATABASE \(name)")
            let location = Self.url(server, database: name)
            _ = Self.testCache
            let store = try CentreStore.create(location)
            return TemporaryStore(
                backend: self, location: location, store: store,
                remove: {
                    _ = try? Self.psql(server, "DROP DATABASE \(name) WITH (FORCE)")
                    try? FileManager.default.removeItem(atPath: store.cacheFolder)
                })
        }
    }

    /// PostgreSQL stores cache their networks under the temporary folder, not the home.
    private static let testCache: Void = {
        setenv("METROTRACE_CACHE_DIR", FileManager.default.temporaryDirectory.path + "/metrotrace-test-cache", 1)
    }()

    /// `server` with its database replaced by `database`.
    static func url(_ server: String, database: String) -> String {
        var components = URLComponents(string: server)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs SQL with `psql`, throwing its error output when it fails.
    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        try run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
    }

    /// Runs SQL with `sqlite3`, throwing its error output when it fails.
    @discardableResult
    static func sqlite(_ path: String, _ sql: String) throws -> String {
        try run("/usr/bin/sqlite3", [path, sql])
    }

    /// Runs SQL on the store's database behind MetroTrace's back.
    @discardableResult
    func execute(_ sql: String, on location: String) throws -> String {
        switch self {
        case .sqlite: try Self.sqlite(location, sql)
        case .postgres: try Self.psql(location, sql)
        }
    }

    /// The SQL that turns off the log's protection of `table`, as someone with the
    /// database's file or its owner's password could.
    func disableProtection(of table: String) -> String {
        switch self {
        case .sqlite: "DROP TRIGGER \(table)_no_update;"
        case .postgres: "ALTER TABLE \(table) DISABLE TRIGGER USER;"
        }
    }

    struct ProcessFailure: Error, CustomStringConvertible {
        var description: String
    }

    private static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ProcessFailure(description: complaint) }
        return printed
    }
}

/// A store made for one test.
struct TemporaryStore {
    var backend: StoreBackend
    var location: String
    var store: CentreStore
    var remove: @Sendable () -> Void
}
