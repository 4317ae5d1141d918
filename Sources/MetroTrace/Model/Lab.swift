/// An organisation that calibrates, verifies or tests: a national metrology institute,
/// a provincial institute, an industry metrology test centre, an enterprise laboratory
/// or a commercial calibration laboratory.
public struct Lab: Hashable, Sendable, Codable {
    /// The lab's id, unique among labs.
    public var id: String
    /// The lab's name as written (often Chinese).
    public var name: String
    /// What kind of organisation it is.
    public var kind: LabKind
    /// The industry it serves, e.g. `automotive` or `medical devices`.
    public var industry: String?
    /// Accreditations and recognitions with their validity windows.
    public var accreditations: [Accreditation]
    /// The approved, time-versioned capability scope. Capabilities are history: a change
    /// of scope closes one entry (`to`) and opens another; nothing is overwritten.
    public var capabilities: [Capability]

    /// Creates a lab.
    public init(
        id: String, name: String, kind: LabKind, industry: String? = nil,
        accreditations: [Accreditation] = [], capabilities: [Capability] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.industry = industry
        self.accreditations = accreditations
        self.capabilities = capabilities
    }
}

/// The kinds of organisation in a traceability network, from the top down.
public enum LabKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// A national metrology institute (e.g. NIM).
    case nmi
    /// A provincial institute of metrology.
    case provincialInstitute = "provincial-institute"
    /// An industry metrology test centre (产业计量测试中心).
    case industryCentre = "industry-centre"
    /// An enterprise's own laboratory.
    case enterpriseLab = "enterprise-lab"
    /// A commercial calibration laboratory.
    case calibrationLab = "calibration-lab"
}

/// An accreditation or designation (CIPM MRA, CNAS, a legal authorisation), valid
/// inside a window of days.
public struct Accreditation: Hashable, Sendable, Codable {
    /// The scheme, e.g. `CIPM MRA` or `CNAS`.
    public var scheme: String
    /// The accreditation number, when known.
    public var id: String?
    /// When the accreditation was valid.
    public var window: DateWindow

    /// Creates an accreditation.
    public init(scheme: String, id: String? = nil, window: DateWindow) {
        self.scheme = scheme
        self.id = id
        self.window = window
    }
}

/// One entry of a lab's approved scope: a quantity, an activity, a range and the best
/// uncertainty (CMC) the lab may claim, valid inside a window of days.
public struct Capability: Hashable, Sendable, Codable {
    /// The kind of quantity, e.g. `mass`.
    public var quantity: String
    /// The activity the scope covers.
    public var activity: Activity
    /// The values covered.
    public var range: QuantityRange
    /// The calibration and measurement capability, when the scope states one.
    public var cmc: CMC?
    /// When the scope entry was approved and until when.
    public var window: DateWindow

    /// Creates a capability.
    public init(
        quantity: String, activity: Activity, range: QuantityRange, cmc: CMC? = nil,
        window: DateWindow
    ) {
        self.quantity = quantity
        self.activity = activity
        self.range = range
        self.cmc = cmc
        self.window = window
    }
}

/// A calibration and measurement capability: the smallest expanded uncertainty a lab
/// may claim, `absolute + relative·|x|` (sum) or `√(absolute² + (relative·x)²)`
/// (quadrature), at coverage factor `k`.
public struct CMC: Hashable, Sendable, Codable {
    /// The absolute part, in the quantity's unit.
    public var absolute: QuantityValue?
    /// The relative part, a pure number.
    public var relative: Double
    /// The coverage factor the CMC is stated at.
    public var k: Double
    /// How the two parts combine.
    public var combine: Combination

    /// How the absolute and relative parts of a CMC combine.
    public enum Combination: String, Hashable, Sendable, CaseIterable, Codable {
        /// `absolute + relative·|x|`
        case sum
        /// `√(absolute² + (relative·x)²)`
        case quadrature
    }

    /// Creates a CMC.
    public init(
        absolute: QuantityValue?, relative: Double = 0, k: Double = 2,
        combine: Combination = .sum
    ) {
        self.absolute = absolute
        self.relative = relative
        self.k = k
        self.combine = combine
    }

    /// The expanded uncertainty the CMC allows at the SI value `x`, at this CMC's `k`.
    public func expandedUncertainty(at x: Double) -> Double {
        CMC.evaluate(absolute: absolute?.si ?? 0, relative: relative, combine: combine, at: x)
    }

    /// `absolute + relative·|x|` or `√(absolute² + (relative·x)²)`.
    @inlinable
    public static func evaluate(
        absolute: Double, relative: Double, combine: Combination,
        at x: Double
    ) -> Double {
        switch combine {
        case .sum: return absolute + relative * abs(x)
        case .quadrature: return (absolute * absolute + relative * x * relative * x).squareRoot()
        }
    }
}

/// A closed range of values of one quantity, `[lower, upper]`.
public struct QuantityRange: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The lowest value.
    public var lower: QuantityValue
    /// The highest value.
    public var upper: QuantityValue

    /// Creates a range.
    public init(_ lower: QuantityValue, _ upper: QuantityValue) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether the SI value `value` lies in the range, forgiving the last bits lost in
    /// unit conversion.
    public func contains(_ value: Double) -> Bool {
        QuantityRange.contains(value, lower: lower.si, upper: upper.si)
    }

    /// Whether `value` lies in `[lower, upper]` within a relative 1e-9.
    @inlinable
    public static func contains(_ value: Double, lower: Double, upper: Double) -> Bool {
        let slack = 1e-9 * max(abs(lower), abs(upper), abs(value))
        return value >= lower - slack && value <= upper + slack
    }

    /// `1 mg … 50 kg`.
    public var description: String { "\(lower) … \(upper)" }
}
