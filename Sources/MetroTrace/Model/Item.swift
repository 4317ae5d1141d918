/// A node of the traceability network: an SI realisation, a measurement standard, a
/// measuring instrument or a reference material.
public struct Item: Hashable, Sendable, Codable {
    /// The item's id, unique among items.
    public var id: String
    /// The item's name as written (often Chinese).
    public var name: String
    /// Where the item stands in the hierarchy.
    public var kind: ItemKind
    /// The kind of quantity it realises or measures, e.g. `mass`.
    public var quantity: String
    /// The unit values of this item are usually written in, e.g. `kg`.
    public var unit: Unit
    /// The owner lab's id; an SI realisation may have none.
    public var lab: String?
    /// The item's measuring range, when it has one.
    public var range: QuantityRange?
    /// The maximum permissible error (MPE), `absolute + relative·|x|`.
    public var tolerance: Tolerance?
    /// An accuracy class (`E2`, `F1`, `0.05`), shown on diagrams.
    public var accuracyClass: String?
    /// The manufacturer's serial number (出厂编号), as marked on the item; what a
    /// certificate names the item by.
    public var serial: String?
    /// The model or type designation (型号), as the manufacturer names it.
    public var model: String?
    /// The manufacturer (制造厂).
    public var manufacturer: String?
    /// The owner's asset or inventory number (固定资产编号 / 管理编号).
    public var assetTag: String?
    /// Whether the item is subject to compulsory verification (强制检定): a working
    /// measuring instrument used for trade settlement, safety, health or environmental
    /// monitoring, which must be verified by a legal metrology body at fixed intervals.
    public var compulsory: Bool
    /// Windows in which the item is recognised as an anchor (a primary standard under
    /// the CIPM MRA, a CRM of a recognised producer).
    public var recognized: [Recognition]
    /// The realised uncertainty of an anchor, per nominal value.
    public var uncertainty: [AnchorUncertainty]
    /// The expected drift per year (365.25 days), as an interval of the item's quantity.
    public var driftPerYear: QuantityValue?
    /// Status events (in service, found out of tolerance, repaired, retired) by date.
    public var events: [StatusEvent]

    /// Creates an item.
    public init(
        id: String, name: String, kind: ItemKind, quantity: String, unit: Unit,
        lab: String? = nil, range: QuantityRange? = nil,
        tolerance: Tolerance? = nil, accuracyClass: String? = nil, serial: String? = nil,
        model: String? = nil, manufacturer: String? = nil, assetTag: String? = nil, compulsory: Bool = false,
        recognized: [Recognition] = [], uncertainty: [AnchorUncertainty] = [],
        driftPerYear: QuantityValue? = nil, events: [StatusEvent] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.quantity = quantity
        self.unit = unit
        self.lab = lab
        self.range = range
        self.tolerance = tolerance
        self.accuracyClass = accuracyClass
        self.serial = serial
        self.model = model
        self.manufacturer = manufacturer
        self.assetTag = assetTag
        self.compulsory = compulsory
        self.recognized = recognized
        self.uncertainty = uncertainty
        self.driftPerYear = driftPerYear
        self.events = events
    }
}

/// Where an item stands in the traceability hierarchy, from the SI down.
public enum ItemKind: String, CaseIterable, Hashable, Sendable, Comparable, Codable {
    /// A realisation of an SI unit; an anchor, exact unless it states an uncertainty.
    case siRealization = "si-realization"
    /// A national primary standard (国家计量基准); an anchor while recognised.
    case primaryStandard = "primary-standard"
    /// A reference standard (社会公用计量标准, 最高计量标准).
    case referenceStandard = "reference-standard"
    /// A working standard (工作计量标准).
    case workingStandard = "working-standard"
    /// A working measuring instrument (工作计量器具).
    case instrument
    /// A (certified) reference material (有证标准物质); an anchor while recognised.
    case referenceMaterial = "reference-material"

    /// The level in a verification scheme, 0 at the top; diagrams rank by it.
    public var level: Int {
        switch self {
        case .siRealization: 0
        case .primaryStandard: 1
        case .referenceMaterial: 2
        case .referenceStandard: 2
        case .workingStandard: 3
        case .instrument: 4
        }
    }

    /// Whether the kind can anchor a chain (given recognition where required).
    public var canAnchor: Bool {
        self == .siRealization || self == .primaryStandard || self == .referenceMaterial
    }

    public static func < (lhs: ItemKind, rhs: ItemKind) -> Bool { lhs.level < rhs.level }

    /// The kind with its indefinite article, for messages: `an instrument`.
    public var withArticle: String {
        (self == .instrument ? "an " : "a ") + rawValue
    }
}

/// A maximum permissible error (MPE) or tolerance: `absolute + relative·|x|`.
public struct Tolerance: Hashable, Sendable, Codable {
    /// The absolute part, an interval of the item's quantity.
    public var absolute: QuantityValue?
    /// The relative part, a pure number.
    public var relative: Double?

    /// Creates a tolerance.
    public init(absolute: QuantityValue? = nil, relative: Double? = nil) {
        self.absolute = absolute
        self.relative = relative
    }

    /// The tolerance at the SI value `x`, in SI units.
    public func limit(at x: Double) -> Double {
        (absolute?.si ?? 0) + (relative ?? 0) * abs(x)
    }
}

/// A window in which an item is recognised as an anchor, under a scheme.
public struct Recognition: Hashable, Sendable, Codable {
    /// The recognising scheme, e.g. `CIPM MRA` or `ISO 17034`.
    public var scheme: String
    /// When the recognition held.
    public var window: DateWindow

    /// Creates a recognition.
    public init(scheme: String, window: DateWindow) {
        self.scheme = scheme
        self.window = window
    }
}

/// The realised uncertainty of an anchor at one nominal value.
public struct AnchorUncertainty: Hashable, Sendable, Codable {
    /// The nominal value.
    public var nominal: QuantityValue
    /// The expanded uncertainty and how it was stated.
    public var expanded: ExpandedUncertainty

    /// Creates an anchor uncertainty.
    public init(nominal: QuantityValue, expanded: ExpandedUncertainty) {
        self.nominal = nominal
        self.expanded = expanded
    }
}

/// A status event of an item.
public struct StatusEvent: Hashable, Sendable, Codable {
    /// The day it happened.
    public var date: Day
    /// The state the item entered.
    public var state: ItemState

    /// Creates an event.
    public init(date: Day, state: ItemState) {
        self.date = date
        self.state = state
    }
}

/// The service state of an item.
public enum ItemState: String, CaseIterable, Hashable, Sendable, Codable {
    /// Put into (or back into) service.
    case inService = "in-service"
    /// Found out of tolerance: out of service, and its recent uses are suspect.
    case outOfTolerance = "out-of-tolerance"
    /// Repaired and returned to service.
    case repaired
    /// Retired for good (or until an `in-service` event recommissions it).
    case retired

    /// Whether an item in this state may be used.
    public var isInService: Bool { self == .inService || self == .repaired }
}
