/// How a budget line states its uncertainty — a standard uncertainty `u`, or a
/// half-width with its distribution — checked once for every format. A reader tells
/// which fields the line gave and their values; a problem names the field to report it
/// at, and its message names fields as the reader's format writes them (`"halfWidth"`
/// in JSON, `half_width` in tables).
public enum BudgetLineRule {
    /// A field of a budget line's uncertainty.
    public enum Field: String, CaseIterable, Hashable, Sendable {
        /// The standard uncertainty.
        case u
        /// The half-width of a distribution.
        case halfWidth
        /// The distribution of a half-width.
        case distribution
    }

    /// What is wrong with how a budget line states its uncertainty.
    public enum Problem: Hashable, Sendable, Error {
        /// A standard uncertainty given with a distribution other than normal.
        case standardWithDistribution(Distribution)
        /// A half-width without a distribution.
        case halfWidthWithoutDistribution
        /// Both a standard uncertainty and a half-width.
        case both
        /// Neither.
        case neither

        /// The field the problem is reported at.
        public var field: Field {
            switch self {
            case .standardWithDistribution, .halfWidthWithoutDistribution: .distribution
            case .both, .neither: .u
            }
        }

        /// What is wrong, in either language, each field named by `name` (a format's key
        /// or column).
        public func text(naming name: (Field) -> String) -> LocalizedText {
            let u = LocalizedText.literal(name(.u)), halfWidth = LocalizedText.literal(name(.halfWidth))
            let distributionField = LocalizedText.literal(name(.distribution))
            return switch self {
            case .standardWithDistribution(let distribution):
                .key(
                    "diagnostic.budget.standard-with-distribution", ("u", u), ("halfWidth", halfWidth),
                    ("distribution", .literal(distribution.rawValue)))
            case .halfWidthWithoutDistribution:
                .key(
                    "diagnostic.budget.half-width-without-distribution", ("halfWidth", halfWidth),
                    ("distribution", distributionField))
            case .both:
                .key("diagnostic.budget.both", ("u", u), ("halfWidth", halfWidth))
            case .neither:
                .key(
                    "diagnostic.budget.neither", ("u", u), ("halfWidth", halfWidth), ("distribution", distributionField)
                )
            }
        }
    }

    /// The uncertainty a budget line states.
    ///
    /// - Parameters:
    ///   - given: the fields the line gave, whether or not their values could be read.
    ///   - u: the standard uncertainty read (nil when absent or unreadable).
    ///   - halfWidth: the half-width read (nil when absent or unreadable).
    ///   - distribution: the distribution read (nil when absent or unreadable).
    /// - Returns: the uncertainty; a problem; or nil when a field it needs was given but
    ///   unreadable (the reader has reported that already).
    public static func uncertainty(
        given: Set<Field>, u: QuantityValue?, halfWidth: QuantityValue?, distribution: Distribution?
    ) -> Result<BudgetComponent.Uncertainty, Problem>? {
        switch (given.contains(.u), given.contains(.halfWidth)) {
        case (true, false):
            if let distribution, distribution != .normal { return .failure(.standardWithDistribution(distribution)) }
            return u.map { .success(.standard($0)) }
        case (false, true):
            guard given.contains(.distribution) else { return .failure(.halfWidthWithoutDistribution) }
            guard let halfWidth, let distribution else { return nil }
            return .success(.halfWidth(halfWidth, distribution))
        case (true, true):
            return .failure(.both)
        case (false, false):
            return .failure(.neither)
        }
    }
}
