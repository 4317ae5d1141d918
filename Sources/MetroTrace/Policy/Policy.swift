/// The thresholds and severities that turn rules into findings. The defaults follow the
/// sources cited in `docs/rules.md`; a policy file (`--policy FILE`) changes them.
public struct Policy: Hashable, Sendable {
    /// A minimum test uncertainty ratio and the severity of falling below it.
    public struct RatioThreshold: Hashable, Sendable {
        /// The smallest acceptable tolerance / U.
        public var minimum: Double
        /// The severity of a ratio below the minimum.
        public var severity: FindingSeverity

        /// Creates a threshold.
        public init(minimum: Double, severity: FindingSeverity) {
            self.minimum = minimum
            self.severity = severity
        }
    }

    /// The minimum test uncertainty ratio per activity: 4:1 as a warning for
    /// calibrations and tests, 3:1 as an error for verifications (JJF 1094's 1/3 rule).
    public var testUncertaintyRatio: [Activity: RatioThreshold] = [
        .calibration: RatioThreshold(minimum: 4, severity: .warning),
        .test: RatioThreshold(minimum: 4, severity: .warning),
        .verification: RatioThreshold(minimum: 3, severity: .error),
    ]

    /// The longest calibration interval per kind of item, in months (none by default).
    public var maximumIntervalMonths: [ItemKind: Int] = [:]

    /// The interval applied to a record that states no due date, in months per kind of
    /// item (none by default: such a record never expires and gets a warning).
    public var defaultIntervalMonths: [ItemKind: Int] = [:]

    /// Severities that replace a rule's default (e.g. `record.suspect` as an error).
    public var severities: [Rule: FindingSeverity] = [:]

    /// The coverage probability for expanded uncertainties the engine computes; the
    /// GUM's default erf(√2) ≈ 95.45 % gives k = 2 at infinite degrees of freedom.
    public var coverageProbability: Double = StudentT.defaultProbability

    /// The default policy.
    public init() {}

    /// The severity of findings of `rule` under this policy.
    public func severity(of rule: Rule) -> FindingSeverity {
        severities[rule] ?? rule.defaultSeverity
    }

    /// The due date of a record dated `date` that states `due`, or that gets the policy's
    /// interval for `kind`; nil when it never expires.
    public func effectiveDue(stated due: Day?, date: Day, kind: ItemKind) -> Day? {
        if let due { return due }
        return defaultIntervalMonths[kind].map { date.adding(months: $0) }
    }
}
