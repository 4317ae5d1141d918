/// How two results at a date are correlated: their covariance and correlation, and the
/// independent components they share, each with what it adds to the covariance.
public struct CovarianceBreakdown: Hashable, Sendable, Codable {
    /// One component both results carry.
    public struct SharedComponent: Hashable, Sendable, Codable {
        /// What the component is: an anchor, a shared record's lump, a drift, a residual.
        public var origin: ComponentOrigin
        /// Its value in each result's vector (SI units of each result).
        public var inFirst: Double
        public var inSecond: Double
        /// inFirst · inSecond: what it adds to the covariance.
        public var covariance: Double
    }

    /// The standard uncertainties of the two results at the date (drift since their
    /// records included), in SI units.
    public var uFirst: Double
    public var uSecond: Double
    /// The covariance, in the product of their SI units.
    public var covariance: Double
    /// The correlation coefficient; nil when either result is exact.
    public var correlation: Double?
    /// The shared components, the largest part of the covariance first.
    public var shared: [SharedComponent]
}

extension TraceabilityAnalysis {
    /// The covariance of two results at `day` with the components they share; nil when
    /// a result does not exist (no record in force and not an anchor).
    ///
    /// - Complexity: that of ``covariance(_:_:at:)``.
    public func covarianceBreakdown(_ a: Measurand, _ b: Measurand, at day: Day) -> CovarianceBreakdown? {
        guard let (x, y, table) = vectorsWithOrigins(a, b, at: day) else { return nil }
        var shared: [CovarianceBreakdown.SharedComponent] = []
        for (component, value) in zip(x.components, x.values) {
            let position = y.position(of: component)
            guard position >= 0, value != 0, y.values[Int(position)] != 0 else { continue }
            let other = y.values[Int(position)]
            shared.append(
                .init(origin: table.origin[Int(component)], inFirst: value, inSecond: other, covariance: value * other))
        }
        shared.sort { abs($0.covariance) > abs($1.covariance) }
        let (ux, uy) = (x.squaredNorm.squareRoot(), y.squaredNorm.squareRoot())
        let covariance = x.dot(y)
        return CovarianceBreakdown(
            uFirst: ux, uSecond: uy, covariance: covariance,
            correlation: ux > 0 && uy > 0 ? covariance / (ux * uy) : nil, shared: shared)
    }
}
