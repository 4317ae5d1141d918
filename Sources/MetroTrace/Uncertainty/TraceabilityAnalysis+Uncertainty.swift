/// An item's result to evaluate: its value at `value` (nil: at its first point) as it
/// stands at a date, through its record in force or as an anchor.
public struct Measurand: Hashable, Sendable, Codable {
    /// The item.
    public var item: ItemIndex
    /// The value at which the item's result is evaluated, in SI units; nil for its first
    /// point (or its only one).
    public var value: Double?

    /// Creates a measurand.
    public init(_ item: ItemIndex, at value: Double? = nil) {
        self.item = item
        self.value = value
    }
}

extension TraceabilityAnalysis {
    /// The uncertainty at each point of a record: as stated (echoed), or propagated from
    /// its references and budget (GUM, with Welch–Satterthwaite and Student's t).
    ///
    /// - Complexity: O(r·v) for r references whose vectors have v components.
    public func uncertainty(of record: RecordIndex) -> [PointUncertainty] {
        let propagation = judged.propagation
        return propagation.pointResults(of: record, supported: propagation.supported(record))
    }

    /// The uncertainty at each point of an item's result at `day`: its record in force,
    /// or, for a valid anchor, its realised uncertainty; empty when it has neither.
    public func uncertainty(of item: ItemIndex, at day: Day) -> [PointUncertainty] {
        if anchorState(item, at: day) == .valid { return anchorUncertainty(of: item) }
        guard let record = network.recordInForce(item, at: day) else { return [] }
        return uncertainty(of: record)
    }

    /// The uncertainty of an item's result as its validity found it (the same as
    /// ``uncertainty(of:at:)`` at the validity's date), without looking up its record in
    /// force again.
    public func uncertainty(of validity: ItemValidity) -> [PointUncertainty] {
        if validity.isAnchor { return anchorUncertainty(of: validity.item) }
        return validity.record.map { uncertainty(of: $0) } ?? []
    }

    /// An anchor's realised uncertainty, as stated, at each nominal value.
    func anchorUncertainty(of item: ItemIndex) -> [PointUncertainty] {
        network.anchorRows(of: item).map { row in
            let k = PointUncertainty.statedK(row)
            let dof: Double? = row.dof.isFinite ? row.dof : nil
            return PointUncertainty(
                nominal: row.nominal, u: row.expanded / k, dof: dof, k: k, expanded: row.expanded,
                coverage: row.coverage.isNaN ? StudentT.centralProbability(k, dof: dof) : row.coverage,
                isStated: true, supported: row.expanded / k)
        }
    }

    /// The covariance of two results at `day`, in SI units (the product of their units):
    /// the dot product of their component vectors, so that results sharing a standard
    /// are correlated exactly. Each result includes its drift since its record. Nil when
    /// a result does not exist (no record in force and not an anchor).
    ///
    /// - Complexity: O(c·v) for the c records of the two chains with v components each.
    public func covariance(_ a: Measurand, _ b: Measurand, at day: Day) -> Double? {
        guard let (x, y) = vectors(a, b, at: day) else { return nil }
        return x.dot(y)
    }

    /// The correlation coefficient of two results at `day` (nil when either is exact or
    /// missing).
    public func correlation(_ a: Measurand, _ b: Measurand, at day: Day) -> Double? {
        guard let (x, y) = vectors(a, b, at: day) else { return nil }
        let (ux, uy) = (x.squaredNorm.squareRoot(), y.squaredNorm.squareRoot())
        guard ux > 0, uy > 0 else { return nil }
        return x.dot(y) / (ux * uy)
    }

    /// The standard uncertainty of one result at `day` as used at that date (its drift
    /// since its record included).
    public func standardUncertainty(_ a: Measurand, at day: Day) -> Double? {
        vectors(a, a, at: day).map { $0.0.squaredNorm.squareRoot() }
    }

    /// The vectors of two results at `day`, whose dot product is their covariance; nil
    /// when either does not exist.
    func vectors(_ a: Measurand, _ b: Measurand, at day: Day) -> (VectorAccumulator, VectorAccumulator)? {
        vectorsWithOrigins(a, b, at: day).map { ($0.0, $0.1) }
    }

    /// ``vectors(_:_:at:)`` with the table that says what each identified component is.
    func vectorsWithOrigins(_ a: Measurand, _ b: Measurand, at day: Day)
        -> (VectorAccumulator, VectorAccumulator, ComponentTable)?
    {
        func standing(_ m: Measurand) -> ResolvedReference {
            if anchorState(m.item, at: day) == .valid { return .anchor }
            return network.recordInForce(m.item, at: day).map(ResolvedReference.record) ?? .none
        }
        let (sa, sb) = (standing(a), standing(b))
        guard sa != .none, sb != .none else { return nil }
        // Two distinct records that nothing else uses (two instruments, usually): the
        // whole-network propagation has what they share identified already.
        if case .record(let ra) = sa, case .record(let rb) = sb, ra != rb,
            let x = judged.propagation.leafVector(
                of: ra, item: a.item, at: a.value ?? firstNominal(a.item, sa), on: day),
            let y = judged.propagation.leafVector(
                of: rb, item: b.item, at: b.value ?? firstNominal(b.item, sb), on: day)
        {
            return (x, y, judged.propagation.table)
        }
        return unionVectors(a, sa, b, sb, at: day)
    }

    /// ``vectors(_:_:at:)`` by propagating the union of the two chains afresh, with each
    /// result counted as one more use, so that whatever the two share is identified.
    func unionVectors(
        _ a: Measurand, _ sa: ResolvedReference, _ b: Measurand, _ sb: ResolvedReference, at day: Day
    ) -> (VectorAccumulator, VectorAccumulator, ComponentTable) {
        var standing: [RecordIndex] = []
        for case .record(let r) in [sa, sb] { standing.append(r) }
        let selection = SomeRecords(ancestry(of: standing))
        var propagator = Propagator(
            network: network, selection: selection, probability: policy.coverageProbability, denseSlots: false)
        propagator.countUses(of: selection.records)
        for (measurand, standing) in [(a, sa), (b, sb)] {
            switch standing {
            case .record(let r): propagator.countExternalUse(of: r)
            case .anchor: propagator.anchorUses[measurand.item, default: 0] += 1
            default: break
            }
        }
        propagator.identifyAnchors()
        for record in selection.records { propagator.propagate(record) }
        func vector(_ m: Measurand, _ standing: ResolvedReference) -> VectorAccumulator {
            var result = VectorAccumulator(denseSlots: false)
            let value = m.value ?? firstNominal(m.item, standing)
            propagator.add(m.item, at: value, times: 1, on: day, standingOn: standing, to: &result)
            return result
        }
        return (vector(a, sa), vector(b, sb), propagator.table)
    }

    /// The records and every record they stand on, up to the anchors.
    ///
    /// - Complexity: O(a·r) for the a records of the ancestry with r references each.
    func ancestry(of records: some Sequence<RecordIndex>) -> Set<RecordIndex> {
        var selected: Set<RecordIndex> = []
        var queue: [RecordIndex] = []
        for record in records where selected.insert(record).inserted { queue.append(record) }
        while let next = queue.popLast() {
            for reference in network.referenceRows(of: next) {
                if case .record(let used) = network.resolve(reference, of: next), selected.insert(used).inserted {
                    queue.append(used)
                }
            }
        }
        return selected
    }

    func firstNominal(_ item: ItemIndex, _ standing: ResolvedReference) -> Double {
        switch standing {
        case .record(let r): network.pointRows(of: r).first?.nominal ?? .nan
        default: network.anchorRows(of: item).first?.nominal ?? .nan
        }
    }
}
