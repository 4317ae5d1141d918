/// What a known error of the out-of-tolerance standard does to the items it reached.
public struct DeviationEffect: Sendable, Hashable, Codable {
    /// The affected item (one with a tolerance, in the deviation's dimension).
    public let item: ItemIndex
    /// Its affected record in force at the query date.
    public let record: RecordIndex
    /// The point's nominal value (SI).
    public let nominal: Double
    /// The error the record found at the point, |value − nominal| (SI; 0 when no value
    /// was stated).
    public let recordedError: Double
    /// The recorded error with the standard's deviation added (SI): what the error may
    /// really have been.
    public let possibleError: Double
    /// The item's tolerance at the point (SI).
    public let tolerance: Double
    /// The test uncertainty ratio once the deviation is counted against it:
    /// tolerance / (U + |deviation|); nil when the point has no uncertainty.
    public let testUncertaintyRatio: Double?
    /// The policy's minimum ratio for the record's activity.
    public let minimumRatio: Double

    /// Whether the possible error exceeds the tolerance: the item may not conform.
    public var exceedsTolerance: Bool { possibleError > tolerance }
    /// Whether the ratio falls below the policy's minimum.
    public var ratioTooLow: Bool { testUncertaintyRatio.map { $0 < minimumRatio } ?? false }
}

extension TraceabilityAnalysis {
    /// For each item still affected whose quantity has the deviation's dimension and which
    /// has a tolerance, each point of its record in force with the standard's `deviation`
    /// added to the error found (a conservative bound: the deviation passes down each
    /// level whole, as when each level is used at its nominal value with sensitivity 1).
    ///
    /// - Complexity: O(i·p) for i affected items with p points.
    public func deviationEffects(of impact: Impact, deviation: QuantityValue) -> [DeviationEffect] {
        let shift = abs(deviation.si)
        var effects: [DeviationEffect] = []
        for affected in impact.items where affected.stillAffected {
            let item = affected.item
            guard network.unit(of: item).dimension == deviation.dimension,
                let tolerance = network.tolerance(of: item),
                let record = network.recordInForce(item, at: impact.at)
            else { continue }
            let uncertainties = uncertainty(of: record)
            let minimum = policy.testUncertaintyRatio[network.activity(of: record)]?.minimum ?? 0
            for (position, point) in network.pointRows(of: record).enumerated() {
                let error = point.value.isNaN ? 0 : abs(point.value - point.nominal)
                let limit = tolerance.limit(at: point.nominal)
                let expanded = position < uncertainties.count ? uncertainties[position].expanded : .nan
                effects.append(
                    DeviationEffect(
                        item: item, record: record, nominal: point.nominal, recordedError: error,
                        possibleError: error + shift, tolerance: limit,
                        testUncertaintyRatio: expanded.isFinite && expanded + shift > 0
                            ? limit / (expanded + shift) : nil,
                        minimumRatio: minimum))
            }
        }
        return effects
    }
}
