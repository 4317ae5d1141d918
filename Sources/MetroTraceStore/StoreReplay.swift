import MetroTrace

/// The dataset a sequence of revisions leaves: each revision's additions appended, its
/// corrections replacing the version in force in place, its voids removing the entity.
/// A pure function of the revisions: the network "as known at" a revision is this,
/// replayed up to it.
public struct StoreReplay: Sendable {
    /// The dataset's name (the first one a revision gave).
    public private(set) var name = ""
    private var quantities: [String: QuantityKind] = [:]
    private var quantityOrder: [String] = []
    private var labs = EntityTable<Lab>()
    private var items = EntityTable<Item>()
    private var records = EntityTable<CalibrationRecord>()
    /// The number of the last revision applied.
    public private(set) var revision = 0

    /// An empty replay.
    public init() {}

    /// Whether the entity is in force.
    public func holds(_ entity: EntityReference) -> Bool {
        switch entity.kind {
        case .lab: labs.contains(entity.id)
        case .item: items.contains(entity.id)
        case .record: records.contains(entity.id)
        }
    }

    /// The lab in force with `id`.
    public func lab(_ id: String) -> Lab? { labs[id] }
    /// The item in force with `id`.
    public func item(_ id: String) -> Item? { items[id] }
    /// The record in force with `id`.
    public func record(_ id: String) -> CalibrationRecord? { records[id] }

    /// The problems that keep `change` from applying: an added id already in force, a
    /// correction or void of one that is not.
    public func conflicts(of change: RevisionChange) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        for (entity, action) in change.touched {
            let subject = LocalizedText.literal(entity.description)
            switch action {
            case .add where holds(entity):
                problems.append(.key("store.conflict.exists", ("entity", subject)))
            case .correct where !holds(entity), .void where !holds(entity):
                problems.append(.key("store.conflict.unknown", ("entity", subject)))
            default: break
            }
        }
        return problems
    }

    /// Applies one revision's change.
    public mutating func apply(_ change: RevisionChange, revision number: Int) {
        for dataset in [change.added, change.corrected] {
            if name.isEmpty { name = dataset.name }
            for kind in dataset.quantities {
                if quantities[kind.name] == nil { quantityOrder.append(kind.name) }
                quantities[kind.name] = kind
            }
            for lab in dataset.labs { labs.put(lab, id: lab.id) }
            for item in dataset.items { items.put(item, id: item.id) }
            for record in dataset.calibrations { records.put(record, id: record.id) }
        }
        for entity in change.voided {
            switch entity.kind {
            case .lab: labs.remove(entity.id)
            case .item: items.remove(entity.id)
            case .record: records.remove(entity.id)
            }
        }
        revision = number
    }

    /// The dataset in force.
    public var dataset: Dataset {
        Dataset(
            name: name, quantities: quantityOrder.compactMap { quantities[$0] }, labs: labs.values,
            items: items.values, calibrations: records.values)
    }
}

/// Entities by id in the order they were first added; a new version keeps the place.
struct EntityTable<Entity: Sendable>: Sendable {
    private var entries: [Entity?] = []
    private var position: [String: Int] = [:]

    func contains(_ id: String) -> Bool { position[id] != nil }

    subscript(id: String) -> Entity? { position[id].flatMap { entries[$0] } }

    mutating func put(_ entity: Entity, id: String) {
        if let index = position[id] {
            entries[index] = entity
        } else {
            position[id] = entries.count
            entries.append(entity)
        }
    }

    mutating func remove(_ id: String) {
        guard let index = position.removeValue(forKey: id) else { return }
        entries[index] = nil
    }

    var values: [Entity] { entries.compactMap { $0 } }
}
