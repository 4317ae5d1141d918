/// One input of a budget while it is made: what it is and its component vector.
struct BudgetTerm {
    var contribution: BudgetContribution
    var vector: VectorAccumulator
}

extension Propagator {
    /// The inputs of point `p` of `record`, each with its vector over this propagation's
    /// components, after the record and its ancestry were propagated: references (each
    /// followed by its drift), budget lines one by one, and the residual.
    ///
    /// The vectors add up to the point's result, so their dot products are the
    /// correlations between inputs, exactly as for any two results.
    func budgetTerms(of record: RecordIndex, point p: Int, supported: (squares: Double, fourth: Double))
        -> [BudgetTerm]
    {
        let rows = network.pointRange(of: record)
        let pointRow = network.points[rows.lowerBound + p]
        let day = network.recordDate[record.int]
        var terms: [BudgetTerm] = []
        func term(
            _ name: String, _ origin: BudgetContribution.Origin, item: ItemIndex? = nil, record: RecordIndex? = nil,
            usedAt: Double? = nil, reading: BudgetContribution.Reading? = nil, sensitivity: Double,
            type: EvaluationType? = .B, dof: Double? = nil, _ vector: VectorAccumulator
        ) {
            let magnitude = vector.squaredNorm.squareRoot()
            guard magnitude > 0 else { return }
            let effectiveDof =
                (dof
                ?? PointUncertainty.effectiveDof(
                    squared: vector.squaredNorm, fourthOverDof: vector.fourthOverDof(table)))
                .flatMap { $0.isFinite ? $0 : nil }
            terms.append(
                BudgetTerm(
                    contribution: BudgetContribution(
                        name: name, origin: origin, item: item, record: record, usedAt: usedAt, reading: reading,
                        sensitivity: sensitivity, u: sensitivity != 0 ? magnitude / abs(sensitivity) : magnitude,
                        contribution: sensitivity < 0 ? -magnitude : magnitude, share: 0, dof: effectiveDof,
                        type: type, isDominant: false),
                    vector: vector))
        }
        for row in network.referenceRange(of: record) {
            let reference = network.references[row]
            let c = reference.sensitivity
            let x = reference.isUsedAtEachPoint ? pointRow.nominal : reference.at
            let id = network.id(of: reference.item)
            switch network.resolve(reference, of: record) {
            case .anchor:
                var vector = VectorAccumulator(denseSlots: false)
                addAnchor(reference.item, at: x, times: c, to: &vector)
                let reading = Self.reading(network.anchorPoints, rows: network.anchorRange(of: reference.item), at: x)
                term(
                    id, .anchor, item: reference.item, usedAt: x, reading: reading, sensitivity: c,
                    dof: anchorUncertainty(reference.item, at: x).inverseDof > 0
                        ? 1 / anchorUncertainty(reference.item, at: x).inverseDof : nil, vector)
            case .record(let used):
                var vector = VectorAccumulator(denseSlots: false)
                if let position = selection.position(of: used), slot[position] >= 0 {
                    stored.add(slot[position], times: c, to: &vector)
                }
                addResiduals(of: used, at: x, times: c, to: &vector)
                let reading = Self.reading(network.points, rows: network.pointRange(of: used), at: x)
                term(
                    id, .reference, item: reference.item, record: used, usedAt: x, reading: reading, sensitivity: c,
                    vector)
                let drift = drift(of: reference.item, since: used, on: day, times: c)
                if drift != 0 {
                    var driftVector = VectorAccumulator(denseSlots: false)
                    let shared = selection.position(of: used).map { sharedBase[$0] } ?? -1
                    if shared >= 0 {
                        driftVector.add(shared + 1, drift)
                    } else {
                        driftVector.addPrivate(drift, inverseDof: 0)
                    }
                    term("drift of \(id)", .drift, item: reference.item, record: used, sensitivity: c, driftVector)
                }
            case .cycle, .none:
                continue
            }
        }
        for row in network.budgetRange(of: record) {
            let line = network.budget[row]
            var vector = VectorAccumulator(denseSlots: false)
            let dof: Double? = line.dof.isFinite ? line.dof : nil
            vector.addPrivate(line.sensitivity * line.standardUncertainty, inverseDof: dof.map { 1 / $0 } ?? 0)
            term(
                network.strings[line.name], .budget, sensitivity: line.sensitivity, type: line.type,
                dof: dof ?? .infinity,
                vector)
        }
        let residual = Self.residual(pointRow, supported: supported.squares, hasBudget: hasBudget(record))
        if residual.value > 0 {
            var vector = VectorAccumulator(denseSlots: false)
            vector.addPrivate(residual.value, inverseDof: residual.inverseDof)
            term(
                "residual", .residual, record: record, sensitivity: 1, type: nil,
                dof: residual.inverseDof > 0 ? 1 / residual.inverseDof : .infinity, vector)
        }
        return terms
    }

    /// How a value `x` is read from points: between two, clamped to one, or nil when it is
    /// one of them.
    static func reading(_ points: borrowing [PointRow], rows: Range<Int>, at x: Double) -> BudgetContribution.Reading? {
        let bracket = Bracket(points, rows: rows, at: x)
        switch bracket.count {
        case 2:
            let (a, b) = (
                points[rows.lowerBound + bracket[0].point].nominal, points[rows.lowerBound + bracket[1].point].nominal
            )
            return .interpolated(lower: min(a, b), upper: max(a, b))
        case 1:
            let nominal = points[rows.lowerBound + bracket[0].point].nominal
            return nominal == x ? nil : .clamped(to: nominal)
        default:
            return nil
        }
    }
}
