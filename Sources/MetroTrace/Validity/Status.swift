/// The traceability status of an item at a date: the worst severity among the findings
/// on its record in force and on every upstream record.
public enum Status: String, CaseIterable, Hashable, Sendable, Comparable, Codable {
    /// Traceable to the SI with no warning.
    case valid
    /// Traceable, with warnings.
    case warning
    /// Not traceable.
    case broken

    /// The status that a worst finding of `severity` gives (nil: no finding).
    public init(worst severity: FindingSeverity?) {
        switch severity {
        case .error: self = .broken
        case .warning: self = .warning
        case .info, nil: self = .valid
        }
    }

    var rank: Int {
        switch self {
        case .valid: 0
        case .warning: 1
        case .broken: 2
        }
    }

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }

    /// ✓, ⚠ or ✗.
    public var symbol: String {
        switch self {
        case .valid: "✓"
        case .warning: "⚠"
        case .broken: "✗"
        }
    }
}
