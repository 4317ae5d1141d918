/// A calibration, verification or test record: a certificate or report that links an
/// item to the references it was compared with.
public struct CalibrationRecord: Hashable, Sendable, Codable {
    /// The certificate or report id, unique among records.
    public var id: String
    /// What the record documents.
    public var activity: Activity
    /// The calibrated item's id.
    public var item: String
    /// The id of the lab that issued the record.
    public var lab: String
    /// The day the calibration was performed.
    public var date: Day
    /// The last day the result may be relied on; nil lets the policy's interval apply.
    public var due: Day?
    /// The procedure followed (JJG/JJF regulation or ISO standard).
    public var procedure: String?
    /// The standards used, with their sensitivity and the value at which each was used.
    public var references: [Reference]
    /// The results.
    public var points: [CalibrationPoint]
    /// The lab's own uncertainty budget, when the record gives it.
    public var budget: [BudgetComponent]
    /// The conformity verdict, when stated.
    public var verdict: Verdict?
    /// Where the record came from (a file name, a DCC, a scan).
    public var source: String?

    /// Creates a record.
    public init(
        id: String, activity: Activity, item: String, lab: String, date: Day, due: Day? = nil,
        procedure: String? = nil, references: [Reference] = [], points: [CalibrationPoint] = [],
        budget: [BudgetComponent] = [], verdict: Verdict? = nil, source: String? = nil
    ) {
        self.id = id
        self.activity = activity
        self.item = item
        self.lab = lab
        self.date = date
        self.due = due
        self.procedure = procedure
        self.references = references
        self.points = points
        self.budget = budget
        self.verdict = verdict
        self.source = source
    }
}

/// A standard used in a calibration.
public struct Reference: Hashable, Sendable, Codable {
    /// The standard's item id.
    public var item: String
    /// The sensitivity coefficient ∂y/∂x of the result to the standard's value: a number
    /// or a value with units; reference × sensitivity has the calibrated item's dimension.
    public var sensitivity: QuantityValue
    /// Where it was used: at one value, or at each point's nominal value.
    public var at: UsedAt

    /// Where a reference was used.
    public enum UsedAt: Hashable, Sendable, Codable {
        /// At one value for every point of the record.
        case value(QuantityValue)
        /// At each point's nominal value (`"at": "nominal"` in datasets): the usual case
        /// of a multi-point calibration against a standard of the same quantity.
        case eachPoint
    }

    /// Creates a reference used at one value.
    public init(item: String, sensitivity: QuantityValue = .number(1), at: QuantityValue) {
        self.init(item: item, sensitivity: sensitivity, usedAt: .value(at))
    }

    /// Creates a reference.
    public init(item: String, sensitivity: QuantityValue = .number(1), usedAt at: UsedAt) {
        self.item = item
        self.sensitivity = sensitivity
        self.at = at
    }
}

/// A result point of a record.
public struct CalibrationPoint: Hashable, Sendable, Codable {
    /// The nominal value.
    public var nominal: QuantityValue
    /// The measured value (or the conventional value found), when stated.
    public var value: QuantityValue?
    /// The expanded uncertainty as stated; nil means it is computed from the references
    /// and the budget.
    public var expanded: ExpandedUncertainty?

    /// Creates a point.
    public init(
        nominal: QuantityValue, value: QuantityValue? = nil,
        expanded: ExpandedUncertainty? = nil
    ) {
        self.nominal = nominal
        self.value = value
        self.expanded = expanded
    }
}

/// An expanded uncertainty as a certificate states it: `U` with its coverage factor
/// `k` and/or coverage probability, and the degrees of freedom.
public struct ExpandedUncertainty: Hashable, Sendable, Codable {
    /// The expanded uncertainty U, an interval of the quantity.
    public var value: QuantityValue
    /// The coverage factor, when stated.
    public var k: Double?
    /// The coverage probability (e.g. 0.9545), when stated.
    public var coverage: Double?
    /// The degrees of freedom; nil means infinite.
    public var dof: Double?

    /// Creates an expanded uncertainty; at least one of `k` and `coverage` is needed.
    public init(
        _ value: QuantityValue, k: Double? = nil, coverage: Double? = nil,
        dof: Double? = nil
    ) {
        self.value = value
        self.k = k
        self.coverage = coverage
        self.dof = dof
    }
}

/// A line of an uncertainty budget: one input quantity's standard uncertainty and its
/// sensitivity coefficient.
public struct BudgetComponent: Hashable, Sendable, Codable {
    /// What the component is, e.g. `comparator repeatability`.
    public var name: String
    /// How the uncertainty was given.
    public var uncertainty: Uncertainty
    /// The degrees of freedom; nil means infinite.
    public var dof: Double?
    /// Type A (statistical) or type B evaluation, when stated.
    public var type: EvaluationType?
    /// The sensitivity coefficient; `u × sensitivity` has the item's dimension.
    public var sensitivity: QuantityValue

    /// How a budget line's uncertainty is given.
    public enum Uncertainty: Hashable, Sendable, Codable {
        /// A standard uncertainty.
        case standard(QuantityValue)
        /// A half-width `a` of a distribution; u = a/√3 (rectangular), a/√6
        /// (triangular), a/√2 (U-shaped, arcsine).
        case halfWidth(QuantityValue, Distribution)
    }

    /// Creates a budget line.
    public init(
        name: String, uncertainty: Uncertainty, dof: Double? = nil,
        type: EvaluationType? = nil, sensitivity: QuantityValue = .number(1)
    ) {
        self.name = name
        self.uncertainty = uncertainty
        self.dof = dof
        self.type = type
        self.sensitivity = sensitivity
    }

    /// The standard uncertainty of the input, in its own SI unit.
    public var standardUncertainty: Double {
        switch uncertainty {
        case .standard(let u): return u.si
        case .halfWidth(let a, let distribution): return a.si / distribution.divisor
        }
    }

    /// The dimension of the input's uncertainty.
    public var inputDimension: Dimension {
        switch uncertainty {
        case .standard(let u): return u.dimension
        case .halfWidth(let a, _): return a.dimension
        }
    }
}

/// A probability distribution assigned to a type B input (GUM 4.3.7–4.3.9).
public enum Distribution: String, CaseIterable, Hashable, Sendable, Codable {
    /// Normal; give a standard uncertainty instead of a half-width.
    case normal
    /// Rectangular (uniform): u = a/√3.
    case rectangular
    /// Triangular: u = a/√6.
    case triangular
    /// U-shaped (arcsine): u = a/√2.
    case uShaped = "u-shaped"
    /// Arcsine, the same as U-shaped: u = a/√2.
    case arcsine

    /// The divisor that turns a half-width into a standard uncertainty.
    public var divisor: Double {
        switch self {
        case .normal: 1
        case .rectangular: 3.0.squareRoot()
        case .triangular: 6.0.squareRoot()
        case .uShaped, .arcsine: 2.0.squareRoot()
        }
    }
}

/// How an uncertainty component was evaluated (GUM 4.2, 4.3).
public enum EvaluationType: String, CaseIterable, Hashable, Sendable, Codable {
    /// By statistical analysis of series of observations.
    case A
    /// By other means.
    case B
}
