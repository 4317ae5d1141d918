extension Propagator where Selection == AllRecords {
    /// The vector of the result that stands on `record` at `x` on `day`, read from this
    /// whole-network propagation; nil unless no other record uses `record` (a leaf, such
    /// as an instrument's calibration).
    ///
    /// Everything two leaves can share reaches them through records used more than once
    /// in the whole network, and those are identified components here; what is private
    /// to one leaf (its own residual and drift, what reaches it along one path only)
    /// cannot meet the other's. So the dot product of two distinct leaves' vectors is
    /// their covariance, exactly as when the union of their chains is propagated afresh,
    /// without propagating anything (``TraceabilityAnalysis/vectors(_:_:at:)``).
    func leafVector(of record: RecordIndex, item: ItemIndex, at x: Double, on day: Day) -> VectorAccumulator? {
        guard rowUses[record.int] == 0 else { return nil }
        var vector = VectorAccumulator(denseSlots: false)
        accumulateCommon(record, into: &vector)
        var parts: [PointPart] = []
        var supported: [(squares: Double, fourth: Double)] = []
        supportedPoints(record, common: vector, parts: &parts, into: &supported)
        let drift = drift(of: item, since: record, on: day)
        if drift != 0 { vector.addPrivate(drift, inverseDof: 0) }
        let rows = network.pointRange(of: record)
        let bracket = Bracket(network.points, rows: rows, at: x)
        for k in 0..<bracket.count {
            let (p, weight) = bracket[k]
            if !parts.isEmpty {
                for (component, value) in zip(parts[p].components, parts[p].values) {
                    vector.add(component, weight * value)
                }
            }
            let residual = Self.residual(
                network.points[rows.lowerBound + p], supported: supported[p].squares, hasBudget: hasBudget(record))
            if residual.value > 0 { vector.addPrivate(weight * residual.value, inverseDof: residual.inverseDof) }
        }
        return vector
    }
}
