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

    /// The log of `store`, of one item or one record when given: read from the
    /// revisions' metadata and the index of the entities they touched, never from their
    /// content.
    public init(store: CentreStore, item: String? = nil, record: String? = nil) throws(StoreError) {
        let entity = item.map { EntityReference(.item, $0) } ?? record.map { EntityReference(.record, $0) }
        self.entity = entity
        var entries: [Entry] = []
        func entry(_ summary: RevisionSummary, _ touched: [(entity: EntityReference, action: EntityAction)]) -> Entry {
            Entry(
                number: summary.number, committedAt: summary.committedAt, author: summary.author, role: summary.role,
                reason: summary.reason, touched: touched, hash: summary.hash)
        }
        if let entity {
            let touching = try store.log.revisions(touching: entity)
            guard !touching.isEmpty else {
                throw StoreError(.key("store.log.never-touched", ("entity", .literal(entity.description))))
            }
            for (number, action) in touching {
                guard let summary = try store.log.summaries(number...number).first else { continue }
                entries.append(entry(summary, [(entity, action)]))
            }
        } else if let head = try store.log.head() {
            let batch = 256
            var start = 1
            while start <= head.number {
                let range = start...min(head.number, start + batch - 1)
                let touched = try store.log.touched(range)
                for summary in try store.log.summaries(range) {
                    entries.append(entry(summary, touched[summary.number] ?? []))
                }
                start += batch
            }
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
