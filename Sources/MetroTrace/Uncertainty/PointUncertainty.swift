/// The uncertainty of a result at one point, as the GUM (JCGM 100:2008) reports it.
public struct PointUncertainty: Hashable, Sendable, Codable {
    /// The nominal value, in SI units.
    public var nominal: Double
    /// The standard uncertainty u, in SI units.
    public var u: Double
    /// The degrees of freedom: the certificate's, or the effective ν_eff from
    /// Welch–Satterthwaite (fractional); nil means infinite.
    public var dof: Double?
    /// The coverage factor k.
    public var k: Double
    /// The expanded uncertainty U = k·u, in SI units.
    public var expanded: Double
    /// The coverage probability of U.
    public var coverage: Double
    /// Whether U is as the certificate states it (echoed), rather than computed.
    public var isStated: Bool
    /// The standard uncertainty the chain supports: from the references and the budget
    /// alone, without the certificate's own residual part.
    public var supported: Double

    /// `U = 59 mg (k = 2, p = 95.45 %)` in the given unit (with a readable prefix), as
    /// GUM 7.2.3 asks: U with k and the coverage probability.
    public func text(unit: Unit) -> String {
        let value = ValueFormatting.format(expanded, unit: unit, scale: .interval, digits: 2)
        return "U = \(value) (\(coverageText))"
    }

    /// `k = 2, p = 95.45 %` (p left out when not known).
    public var coverageText: String {
        let kText = "k = \(NumberFormatting.significant(k, digits: k == k.rounded() ? 1 : 4))"
        guard coverage.isFinite else { return kText }
        return kText + ", p = \(Self.percent(coverage)) %"
    }

    /// A probability as a percentage with at most two decimals: `95.45`, `99`.
    public static func percent(_ probability: Double) -> String {
        NumberFormatting.shortest((probability * 10_000).rounded() / 100)
    }
}

extension PointUncertainty {
    /// The result of a combined standard uncertainty u with Welch–Satterthwaite
    /// denominator Σ uᵢ⁴/νᵢ: ν_eff = u⁴ / Σ uᵢ⁴/νᵢ, and k from Student's t at
    /// ⌊ν_eff + 1e-9⌋ for `probability` (GUM G.4.1 note 1); with no probability, k and U
    /// are left NaN.
    static func computed(nominal: Double, squared: Double, fourthOverDof: Double, probability: Double?)
        -> PointUncertainty
    {
        let u = squared.squareRoot()
        let dof = effectiveDof(squared: squared, fourthOverDof: fourthOverDof)
        let k = probability.map { coverageFactor(probability: $0, dof: dof) } ?? .nan
        return PointUncertainty(
            nominal: nominal, u: u, dof: dof, k: k, expanded: k * u, coverage: probability ?? .nan,
            isStated: false, supported: u)
    }

    /// ν_eff = u⁴ / Σ uᵢ⁴/νᵢ (nil for infinite).
    static func effectiveDof(squared: Double, fourthOverDof: Double) -> Double? {
        guard fourthOverDof > 0, squared > 0 else { return nil }
        let dof = squared * squared / fourthOverDof
        return dof.isFinite ? dof : nil
    }

    /// k for a probability at ⌊ν + 1e-9⌋ degrees of freedom (at least 1); normal when
    /// infinite.
    static func coverageFactor(probability: Double, dof: Double?) -> Double {
        guard let dof else { return StudentT.coverageFactor(probability: probability, dof: nil) }
        return StudentT.coverageFactor(probability: probability, dof: max(1, (dof + 1e-9).rounded(.down)))
    }

    /// The coverage factor a stated point implies: its k, or t for its coverage
    /// probability at its degrees of freedom (normal when none).
    static func statedK(_ point: PointRow) -> Double {
        if !point.k.isNaN { return point.k }
        return coverageFactor(probability: point.coverage, dof: point.dof.isFinite ? point.dof : nil)
    }
}
