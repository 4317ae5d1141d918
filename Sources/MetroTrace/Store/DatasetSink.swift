/// Where a reader of dataset files puts what it reads: a ``NetworkBuilder`` (to query)
/// or a ``DatasetCollector`` (to edit and write back).
public protocol DatasetSink {
    /// Registers a document (file) and returns its index for ``Origin/document``.
    mutating func addDocument(_ name: String) -> Int32
    /// Logs a problem found while reading.
    mutating func report(_ diagnostic: Diagnostic)
    /// Sets the dataset's name.
    mutating func setName(_ name: String)
    /// Declares a kind of quantity beyond the built-in catalog.
    mutating func declare(_ kind: QuantityKind, origin: Origin?)
    /// Adds a lab.
    mutating func add(_ lab: Lab, origin: Origin?)
    /// Adds an item.
    mutating func add(_ item: Item, origin: Origin?)
    /// Adds a record.
    mutating func add(_ record: CalibrationRecord, origin: Origin?)
    /// Notes an entity that could not be read (its errors are reported), so that what
    /// refers to it is not also reported as dangling.
    mutating func markUnreadable(_ kind: EntityKind, id: String)
}

/// The kinds of entity in a dataset; each has its own namespace of ids.
public enum EntityKind: String, Sendable, Hashable {
    case lab, item, record
}

extension DatasetSink {
    public mutating func markUnreadable(_ kind: EntityKind, id: String) {}
}

extension NetworkBuilder: DatasetSink {
    /// Notes an entity that could not be read; references to it are not reported again.
    public mutating func markUnreadable(_ kind: EntityKind, id: String) {
        unreadable.insert(Unreadable(kind: kind, id: id))
    }

    /// Sets the dataset's name unless one was set already (the first document names it).
    public mutating func setName(_ name: String) {
        if self.name.isEmpty { self.name = name }
    }
}

/// Collects what a reader reads into a ``Dataset``, with the problems found.
public struct DatasetCollector: DatasetSink, Sendable {
    /// The dataset read so far.
    public var dataset = Dataset()
    /// The problems found.
    public private(set) var log = DiagnosticLog()
    /// The documents read.
    public private(set) var documents: [String] = []
    /// Where each entity was read from — document and line — by subject (`lab JXIM`,
    /// `item E1-1KG`, `record NIM-2025-001`), so that a problem found later (when the
    /// entities are merged into a dataset) can name the file the user wrote.
    /// Kept only when ``keepsPlaces`` is set: a dataset read to be edited (every import
    /// reads the whole folder) would otherwise hold a key per entity for nothing.
    public private(set) var places: [String: (file: String, line: Int)] = [:]
    /// Whether ``places`` is filled.
    public var keepsPlaces = false

    /// Creates an empty collector.
    public init() {}

    public mutating func addDocument(_ name: String) -> Int32 {
        documents.append(name)
        return Int32(documents.count - 1)
    }

    public mutating func report(_ diagnostic: Diagnostic) { log.append(diagnostic) }

    public mutating func setName(_ name: String) {
        if dataset.name.isEmpty { dataset.name = name }
    }

    public mutating func declare(_ kind: QuantityKind, origin: Origin?) { dataset.quantities.append(kind) }

    public mutating func add(_ lab: Lab, origin: Origin?) {
        dataset.labs.append(lab)
        remember("lab \(lab.id)", origin)
    }

    public mutating func add(_ item: Item, origin: Origin?) {
        dataset.items.append(item)
        remember("item \(item.id)", origin)
    }

    public mutating func add(_ record: CalibrationRecord, origin: Origin?) {
        dataset.calibrations.append(record)
        remember("record \(record.id)", origin)
    }

    private mutating func remember(_ subject: String, _ origin: Origin?) {
        guard keepsPlaces, let origin, origin.document >= 0, Int(origin.document) < documents.count,
            places[subject] == nil
        else {
            return
        }
        places[subject] = (documents[Int(origin.document)], Int(origin.line))
    }
}
