/// How much a finding matters: an error breaks traceability, a warning weakens it, and
/// information only tells.
public enum FindingSeverity: String, CaseIterable, Hashable, Sendable, Comparable, Codable {
    /// For information only.
    case info
    /// Traceability holds, but something needs attention.
    case warning
    /// Traceability is broken.
    case error

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}
