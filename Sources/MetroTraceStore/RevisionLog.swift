import MetroTrace

/// Where a store keeps its revisions: a SQLite file (``SQLiteRevisionStore``) or a
/// PostgreSQL database (``PostgresRevisionStore``). Both keep the same log, with the
/// same numbers and hashes, so that a log moves between them unchanged; both refuse, in
/// the database itself, an update or a delete and an insert that does not continue the
/// chain.
public protocol RevisionLog: Sendable {
    /// The store as the user named it (a PostgreSQL URL without its password).
    var location: String { get }

    /// Where derived networks are cached, one `.mtnet` snapshot per revision hash.
    var cacheFolder: String { get }

    /// The latest revision, or nil when the store has none.
    func head() throws(StoreError) -> RevisionHead?

    /// The hash of revision `number`, without reading its content; nil when there is none.
    func hash(of number: Int) throws(StoreError) -> String?

    /// The revisions numbered `range`, in order.
    func revisions(_ range: ClosedRange<Int>) throws(StoreError) -> [Revision]

    /// The revisions numbered `range`, in order, without their content.
    func summaries(_ range: ClosedRange<Int>) throws(StoreError) -> [RevisionSummary]

    /// The entities each revision numbered `range` touched, in the order of its change
    /// (``RevisionChange/touched``), with what it did to each; read from the index kept
    /// beside the content, not from the content.
    func touched(_ range: ClosedRange<Int>) throws(StoreError) -> [Int: [(
        entity: EntityReference, action: EntityAction
    )]]

    /// The number of the last revision committed at or before `instant` (ISO 8601, as
    /// ``Revision/committedAt``), or 0 when none was.
    func revisionNumber(knownAt instant: String) throws(StoreError) -> Int

    /// The numbers of the revisions that touched `entity`, in order, with what each did.
    func revisions(touching entity: EntityReference) throws(StoreError) -> [(number: Int, action: EntityAction)]

    /// Appends the revision `make` returns, in one transaction under the store's write
    /// lock: `make` is given the head as it is under the lock (no other writer can
    /// commit meanwhile); a throw, or a failure of the database, leaves the store as it
    /// was.
    @discardableResult
    func append(_ make: (RevisionHead?) throws(StoreError) -> (revision: Revision, change: RevisionChange)?)
        throws(StoreError) -> Revision?

    /// Appends `revisions`, as they are, to the store, which must hold none: one
    /// transaction for all of them (a history replayed, ``CentreStore/importHistory(_:file:)``).
    func appendAll(_ revisions: [(revision: Revision, change: RevisionChange)]) throws(StoreError)
}

/// How stored content is cut into rows: pieces of at most `size` bytes, each cut at a
/// character boundary, so that no row nears either database's limit on a value (1 GB)
/// however large an import is.
enum ContentParts {
    /// The largest piece, in bytes.
    static let size = 8 << 20

    /// `text` in pieces, in order; none for an empty text.
    static func split(_ text: String) -> [String] {
        var pieces: [String] = []
        var utf8 = text.utf8[...]
        while !utf8.isEmpty {
            var end = utf8.index(utf8.startIndex, offsetBy: size, limitedBy: utf8.endIndex) ?? utf8.endIndex
            // Back off to the start of a character (a UTF-8 lead byte).
            while end != utf8.endIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
            pieces.append(String(utf8[utf8.startIndex..<end])!)
            utf8 = utf8[end...]
        }
        return pieces
    }
}
