import MetroTrace
import MetroTraceIO

/// `db log`: the revisions of a store, or those that touched an item or a record, with
/// who wrote them, when, why, and what each did.
public struct RevisionLogReport: Sendable {
    /// One revision as listed.
    public struct Entry: Sendable {
        /// The revision.
        public var number: Int
        /// When it was committed.
        public var committedAt: String
        /// Who wrote it, and in which role.
        public var author: String
        /// The role.
        public var role: Role
        /// Why.
        public var reason: String
        /// What it did: added, corrected and voided entities (those asked about, or all).
        public var touched: [(entity: EntityReference, action: EntityAction)]
        /// Its hash.
        public var hash: String
    }

    /// The revisions listed, oldest first.
    public var entries: [Entry]
    /// The entity asked about, if any.
    public var entity: EntityReference?

    /// The log of `store`, of one item or one record when given.
    public init(store: CentreStore, item: String? = nil, record: String? = nil) throws(StoreError) {
        let entity = item.map { EntityReference(.item, $0) } ?? record.map { EntityReference(.record, $0) }
        self.entity = entity
        let numbers: [Int]
        if let entity {
            numbers = try store.log.revisions(touching: entity).map(\.number)
            guard !numbers.isEmpty else {
                throw StoreError(.key("store.log.never-touched", ("entity", .literal(entity.description))))
            }
        } else {
            numbers = Array(1...max(1, try store.log.head()?.number ?? 0))
        }
        var entries: [Entry] = []
        for number in numbers where number >= 1 {
            guard let revision = try store.log.revisions(number...number).first else { continue }
            let change: RevisionChange
            do throws(DatasetError) {
                change = try revision.content.change(revision: number)
            } catch {
                throw StoreError(.key("store.revision-unreadable", ("revision", .literal("\(number)"))), dataset: error)
            }
            let touched = change.touched.filter { entity == nil || $0.entity == entity }
            entries.append(
                Entry(
                    number: number, committedAt: revision.committedAt, author: revision.author, role: revision.role,
                    reason: revision.reason, touched: touched, hash: revision.hash))
        }
        self.entries = entries
    }

    /// The log as text: a line per revision, then what it did, summarised by action.
    public func text(in language: Language) -> String {
        var lines: [String] = []
        for entry in entries {
            lines.append(
                LocalizedText.key(
                    "store.log.line", ("revision", .literal("\(entry.number)")), ("time", .literal(entry.committedAt)),
                    ("author", .literal(entry.author)), ("role", .literal(entry.role.rawValue)),
                    ("hash", .literal(String(entry.hash.prefix(12))))
                ).rendered(in: language))
            if !entry.reason.isEmpty {
                lines.append(
                    "    "
                        + LocalizedText.key("store.log.reason", ("reason", .literal(entry.reason))).rendered(
                            in: language))
            }
            for action in [EntityAction.add, .correct, .void] {
                let entities = entry.touched.filter { $0.action == action }.map(\.entity)
                guard !entities.isEmpty else { continue }
                let shown = entities.prefix(5).map { LocalizedText.literal($0.description) }
                let more =
                    entities.count > 5
                    ? LocalizedText.key("store.log.more", ("count", .literal("\(entities.count - 5)"))) : ""
                lines.append(
                    "    "
                        + LocalizedText.key(
                            "store.log.action.\(action.rawValue)", ("count", .literal("\(entities.count)")),
                            ("entities", .joined([.list(shown), more]))
                        ).rendered(in: language))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The log as JSON (`docs/json-output.md`).
    public func json() -> JSONOutputValue {
        .object([
            "entity": entity.map { .string($0.description) } ?? .null,
            "revisions": .array(
                entries.map { entry in
                    .object([
                        "number": .integer(entry.number), "committedAt": .string(entry.committedAt),
                        "author": .string(entry.author), "role": .string(entry.role.rawValue),
                        "reason": .string(entry.reason), "hash": .string(entry.hash),
                        "changes": .array(
                            entry.touched.map { touched in
                                .object([
                                    "action": .string(touched.action.rawValue),
                                    "kind": .string(touched.entity.kind.rawValue), "id": .string(touched.entity.id),
                                ])
                            }),
                    ])
                }),
        ])
    }
}
