/// A policy's severities and thresholds in small arrays indexed by case, for the
/// analysis, which reads them for every record: a dictionary lookup there would hash
/// millions of times.
struct PolicyTable: Sendable {
    private let severities: [FindingSeverity]
    private let ratioThresholds: [Policy.RatioThreshold?]
    private let maximumIntervals: [Int?]

    init(_ policy: Policy) {
        severities = Rule.allCases.map { policy.severity(of: $0) }
        ratioThresholds = Activity.allCases.map { activity in
            policy.testUncertaintyRatio[activity].map { threshold in
                Policy.RatioThreshold(
                    minimum: threshold.minimum,
                    severity: policy.severities[.testUncertaintyRatio] ?? threshold.severity)
            }
        }
        maximumIntervals = ItemKind.allCases.map { policy.maximumIntervalMonths[$0] }
    }

    /// The severity of findings of `rule`.
    subscript(rule: Rule) -> FindingSeverity { severities[casePosition(rule)] }

    /// The minimum test uncertainty ratio for an activity and the severity of falling
    /// below it (a policy's severity for `record.tur-low` overrides the threshold's).
    func ratioThreshold(_ activity: Activity) -> Policy.RatioThreshold? {
        ratioThresholds[casePosition(activity)]
    }

    /// The longest calibration interval for a kind of item, in months.
    func maximumIntervalMonths(_ kind: ItemKind) -> Int? { maximumIntervals[casePosition(kind)] }
}

/// The position of a case in `allCases`: the tag Swift stores for a case of an enum
/// without payloads, which numbers the cases in declaration order (tested for every enum
/// it is used with).
@inline(__always)
func casePosition<Value: CaseIterable>(_ value: Value) -> Int {
    precondition(MemoryLayout<Value>.size == 1, "casePosition works on one-byte enums only")
    return Int(unsafeBitCast(value, to: UInt8.self))
}
