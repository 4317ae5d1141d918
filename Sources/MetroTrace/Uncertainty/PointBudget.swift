/// The uncertainty budget of a result at one point (GUM 8, JCGM 100:2008): each input
/// that contributes, with its sensitivity coefficient, standard uncertainty and share of
/// the combined variance, and the correlations between inputs that share ancestry.
///
/// Shares are defined so that they add up to 1 with correlated inputs: the share of
/// input i is cᵢuᵢ · Σⱼ r(i, j)·cⱼuⱼ / u_c², its covariance with the result over the
/// result's variance. Without correlations it is (cᵢuᵢ)² / u_c²; an input correlated
/// negatively with the others can have a negative share.
public struct PointBudget: Hashable, Sendable, Codable {
    /// The point's nominal value, in SI units.
    public var nominal: Double
    /// The contributions, in the order of the record: references (each followed by its
    /// drift), budget lines, the residual.
    public var contributions: [BudgetContribution]
    /// The correlation coefficients of the pairs of contributions that are correlated
    /// (positions in ``contributions``).
    public var correlations: [BudgetCorrelation]
    /// The combined standard uncertainty of the contributions,
    /// √(Σᵢ Σⱼ r(i, j)·cᵢuᵢ·cⱼuⱼ), in the coherent SI unit of the result: the propagated u;
    /// for a stated U, what the references and budget support plus the residual.
    public var combined: Double
    /// The point's result: U, k, p and dof as reported (stated ones echoed).
    public var result: PointUncertainty

    /// The position of the dominant contribution (the largest share), if any.
    public var dominant: Int? { contributions.firstIndex(where: \.isDominant) }
}

/// One input of a point's budget.
public struct BudgetContribution: Hashable, Sendable, Codable {
    /// Where an input comes from.
    public enum Origin: String, Hashable, Sendable, Codable, CaseIterable {
        /// A reference's result at the value it was used (its record in force then).
        case reference
        /// A line of the record's own budget.
        case budget
        /// The record's own part where it states U without a budget:
        /// √(u_stated² − u_supported²).
        case residual
        /// A reference's drift since its record, to the record's date (rectangular).
        case drift
        /// An anchor's realised uncertainty (a primary standard or SI realisation).
        case anchor
    }

    /// How a reference's result was read at the value it was used.
    public enum Reading: Hashable, Sendable, Codable {
        /// Linearly between two of its points (nominal values, SI).
        case interpolated(lower: Double, upper: Double)
        /// At its nearest point, the value lying outside its points.
        case clamped(to: Double)
    }

    /// The budget line's name, or the reference item's id (`drift of …`, `residual`).
    public var name: String
    /// Where it comes from.
    public var origin: Origin
    /// The reference, drifting or anchor item.
    public var item: ItemIndex?
    /// The reference's record it came through (for drift: the record since which it
    /// drifted); the record itself for a residual; nil for budget lines and anchors.
    public var record: RecordIndex?
    /// The value the reference was used at, in its SI unit (nil for budget lines and the
    /// residual).
    public var usedAt: Double?
    /// The reading of the reference between or beyond its points, nil when used at one
    /// of them.
    public var reading: Reading?
    /// The sensitivity coefficient cᵢ, in coherent SI units (result per input).
    public var sensitivity: Double
    /// The input's standard uncertainty uᵢ, in the input's coherent SI unit.
    public var u: Double
    /// cᵢ·uᵢ, in the result's coherent SI unit.
    public var contribution: Double
    /// The share of the result's variance (see ``PointBudget``).
    public var share: Double
    /// The input's degrees of freedom (effective for a reference); nil for infinite.
    public var dof: Double?
    /// Type A or B; references, drifts and anchors are evaluated from certificates (B).
    public var type: EvaluationType?
    /// Whether it has the largest share of the point.
    public var isDominant: Bool
}

/// The correlation of two contributions of one budget.
public struct BudgetCorrelation: Hashable, Sendable, Codable {
    /// Positions in ``PointBudget/contributions``.
    public var first: Int
    public var second: Int
    /// The correlation coefficient r, in [−1, 1].
    public var coefficient: Double
}
