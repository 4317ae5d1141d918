import Foundation

/// A PostgreSQL store as its URL names it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…&host=/socket/folder]`.
///
/// The user defaults to the OS user and the database to the user, as libpq's do; a
/// password may come from `PGPASSWORD` instead of the URL. `sslmode` is `disable`,
/// `prefer` (the default: TLS when the server offers it, unverified), `require` (TLS,
/// unverified) or `verify-full` (TLS, the server's certificate and name verified). A
/// `host` query item that is a path names the folder of the server's Unix socket.
public struct PostgresLocation: Hashable, Sendable {
    /// How TLS is used.
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    /// The server's host name or address (when not a socket).
    public var host: String
    /// Its port.
    public var port: Int
    /// The folder of its Unix socket, when connecting through one.
    public var socketFolder: String?
    /// The user.
    public var user: String
    /// The password, if any.
    public var password: String?
    /// The database.
    public var database: String
    /// How TLS is used.
    public var tls: TLSMode

    /// Whether `text` is a PostgreSQL URL.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The location `url` names.
    ///
    /// - Throws: `StoreError` naming the URL and what is wrong with it.
    public init(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError)
    {
        func refuse(_ reason: String) -> StoreError {
            StoreError(
                .key("store.postgres.bad-url", ("url", .literal(Self.redacted(url))), ("reason", .literal(reason))))
        }
        guard Self.names(url), let components = URLComponents(string: url) else { throw refuse("not a URL") }
        let items = components.queryItems ?? []
        func item(_ name: String) -> String? { items.first { $0.name == name }?.value }
        let socketHost = item("host").flatMap { $0.hasPrefix("/") ? $0 : nil }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? item("host") ?? "localhost"
        if let socketHost {
            socketFolder = socketHost
            host = "localhost"
        }
        port = components.port ?? item("port").flatMap(Int.init) ?? 5432
        guard (1...65535).contains(port) else { throw refuse("port \(port) out of range") }
        user =
            components.user.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        guard !database.contains("/") else { throw refuse("the database name has a \"/\"") }
        let mode = item("sslmode") ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw refuse(
                "sslmode \"\(mode)\" is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.tls = tls
    }

    /// The URL without its password, as messages show it.
    public var description: String {
        let server = socketFolder.map { "localhost/\(database)?host=\($0)" } ?? "\(host):\(port)/\(database)"
        return "postgres://\(user)@\(server)"
    }

    /// `url` with any password replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
