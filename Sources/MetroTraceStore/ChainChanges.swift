import MetroTrace

/// The revisions after a time that changed one item's chain (`chain STORE ITEM
/// --changes-since TIME`): for each, the chain's state before and after it — status,
/// each link's record and status, the findings' rules, the combined standard uncertainty
/// of each point of the item's record — at one valid time (`--at`).
///
/// A revision that touches none of the chain's labs, items and records, and adds or
/// corrects no record of one of its items, cannot change it and is passed over without
/// building its network; every other one is replayed and the chain compared.
public struct ChainChanges: Sendable {
    /// What of a chain is compared.
    public struct State: Sendable, Equatable {
        /// The item's status; nil when the item is not in the store at that revision.
        public var status: Status?
        /// Each link: its record, item and status.
        public var links: [Link]
        /// The rules of the chain's findings, each once, sorted.
        public var rules: [String]
        /// The combined standard uncertainty of each point of the item's record in force.
        public var uncertainties: [Double]

        /// A link as compared.
        public struct Link: Sendable, Hashable {
            public var record: String
            public var item: String
            public var status: Status
        }

        /// Equal, uncertainties within a relative 1e-9 (the same inputs give the same
        /// bits; only a change of data may move them).
        public static func == (lhs: State, rhs: State) -> Bool {
            lhs.status == rhs.status && lhs.links == rhs.links && lhs.rules == rhs.rules
                && lhs.uncertainties.count == rhs.uncertainties.count
                && zip(lhs.uncertainties, rhs.uncertainties).allSatisfy { a, b in
                    abs(a - b) <= 1e-9 * max(abs(a), abs(b))
                }
        }
    }

    /// A revision that changed the chain.
    public struct Change: Sendable {
        /// The revision (its number, time, author, role and reason).
        public var revision: Revision
        /// The chain before it and after it.
        public var before: State
        public var after: State
    }

    /// The item.
    public var item: String
    /// The valid time.
    public var at: Day
    /// The revision known at the time asked for: the chain as it was then.
    public var since: Int
    /// The revision the changes run to (the latest, or the one asked for).
    public var through: Int
    /// The chain at ``since``.
    public var baseline: State
    /// The revisions after ``since`` that changed it, in order.
    public var changes: [Change]

    /// The changes of `item`'s chain at `day` over revisions `since+1 … through`.
    public init(
        store: CentreStore, item: String, at day: Day, policy: Policy, since: Int, through: Int
    ) throws(StoreError) {
        self.item = item
        self.at = day
        self.since = since
        self.through = max(since, through)
        var (state, entities) = try Self.state(of: item, at: day, policy: policy, store: store, revision: since)
        baseline = state
        changes = []
        guard through > since else { return }
        var start = since + 1
        while start <= through {
            let batch = try store.log.revisions(start...min(through, start + 63))
            for revision in batch {
                let change: RevisionChange
                do throws(DatasetError) {
                    change = try revision.content.change(revision: revision.number)
                } catch {
                    throw StoreError(
                        .key("store.revision-unreadable", ("revision", .literal("\(revision.number)"))),
                        dataset: error)
                }
                guard entities.mayChange(with: change) else { continue }
                let (after, afterEntities) = try Self.state(
                    of: item, at: day, policy: policy, store: store, revision: revision.number)
                if after != state { changes.append(Change(revision: revision, before: state, after: after)) }
                state = after
                entities = afterEntities
            }
            start += 64
        }
    }

    /// The ids a chain is made of.
    struct Entities {
        var labs: Set<String> = []
        var items: Set<String> = []
        var records: Set<String> = []

        /// Whether `change` touches one of them or adds a record of one of the items.
        func mayChange(with change: RevisionChange) -> Bool {
            // An item not in the store yet: any revision may add it.
            if items.isEmpty { return true }
            for (entity, _) in change.touched {
                switch entity.kind {
                case .lab where labs.contains(entity.id): return true
                case .item where items.contains(entity.id): return true
                case .record where records.contains(entity.id): return true
                default: continue
                }
            }
            return (change.added.calibrations + change.corrected.calibrations).contains { items.contains($0.item) }
        }
    }

    private static func state(of id: String, at day: Day, policy: Policy, store: CentreStore, revision: Int)
        throws(StoreError) -> (State, Entities)
    {
        let network = try store.network(through: revision, caching: false)
        guard let index = network.item(id: id) else {
            return (State(status: nil, links: [], rules: [], uncertainties: []), Entities())
        }
        // Only what this item's chains read is settled, at each revision compared.
        let analysis = TraceabilityAnalysis(network: network, policy: policy, chainsOf: [index])
        let chain = analysis.chain(of: index, at: day)
        var entities = Entities()
        var links: [State.Link] = []
        entities.items.insert(id)
        if let lab = network.lab(of: index) { entities.labs.insert(network.id(of: lab)) }
        for link in chain.links {
            let record = network.id(of: link.record)
            let item = network.id(of: link.item)
            links.append(State.Link(record: record, item: item, status: link.status))
            entities.records.insert(record)
            entities.items.insert(item)
            entities.labs.insert(network.id(of: network.lab(of: link.record)))
            if let owner = network.lab(of: link.item) { entities.labs.insert(network.id(of: owner)) }
            for reference in link.references { entities.items.insert(network.id(of: reference.item)) }
        }
        let uncertainties =
            chain.record.map { record in analysis.budgets(of: [record])[record]?.map(\.combined) ?? [] } ?? []
        let rules = Set(chain.findings.map(\.rule.rawValue) + chain.links.flatMap { $0.findings.map(\.rule.rawValue) })
        return (
            State(status: chain.status, links: links, rules: rules.sorted(), uncertainties: uncertainties), entities
        )
    }
}
