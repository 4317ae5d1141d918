/// A whole traceability network as written: its labs, items and records, with the
/// custom kinds of quantity it declares. This is the document model that file formats
/// read and write; ``NetworkBuilder`` freezes it into a ``Network`` for queries.
public struct Dataset: Hashable, Sendable, Codable {
    /// The dataset's name.
    public var name: String
    /// Kinds of quantity declared beyond the built-in catalog.
    public var quantities: [QuantityKind]
    /// The labs.
    public var labs: [Lab]
    /// The items.
    public var items: [Item]
    /// The calibration, verification and test records.
    public var calibrations: [CalibrationRecord]

    /// Creates a dataset.
    public init(
        name: String = "", quantities: [QuantityKind] = [], labs: [Lab] = [],
        items: [Item] = [], calibrations: [CalibrationRecord] = []
    ) {
        self.name = name
        self.quantities = quantities
        self.labs = labs
        self.items = items
        self.calibrations = calibrations
    }
}
