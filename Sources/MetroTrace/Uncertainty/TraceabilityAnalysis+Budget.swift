extension TraceabilityAnalysis {
    /// The uncertainty budget of each point of a record: the contributions of its
    /// references (and their drift), its budget lines and its residual, with their
    /// shares and correlations (``PointBudget``).
    ///
    /// The record's ancestry is propagated afresh, so that what two references share
    /// is identified; the contributions combine to the propagated u (for a stated U:
    /// what is supported plus the residual).
    ///
    /// - Complexity: O(a·v) for the a records of its ancestry with v components each.
    public func budget(of record: RecordIndex) -> [PointBudget] {
        budgets(of: [record])[record] ?? []
    }

    /// The budgets of several records (the links of a chain), from one propagation of
    /// the union of their ancestries.
    ///
    /// - Complexity: O(a·v) for the a records of the union with v components each.
    public func budgets(of records: some Sequence<RecordIndex>) -> [RecordIndex: [PointBudget]] {
        var wanted: [RecordIndex] = []
        var seen: Set<RecordIndex> = []
        for record in records where seen.insert(record).inserted { wanted.append(record) }
        let selection = SomeRecords(ancestry(of: wanted))
        var propagator = Propagator(
            network: network, selection: selection, probability: policy.coverageProbability, denseSlots: false)
        propagator.countUses(of: selection.records)
        propagator.identifyAnchors()
        for each in selection.records { propagator.propagate(each) }
        var result: [RecordIndex: [PointBudget]] = [:]
        for record in wanted {
            let supported = propagator.supported(record)
            let results = uncertainty(of: record)
            result[record] = results.indices.map { p in
                Self.budget(propagator.budgetTerms(of: record, point: p, supported: supported[p]), result: results[p])
            }
        }
        return result
    }

    /// The budget of an anchor's realised uncertainty: one contribution per point.
    public func anchorBudget(of item: ItemIndex) -> [PointBudget] {
        anchorUncertainty(of: item).map { result in
            var vector = VectorAccumulator(denseSlots: false)
            vector.addPrivate(result.u, inverseDof: result.dof.map { 1 / $0 } ?? 0)
            let contribution = BudgetContribution(
                name: network.id(of: item), origin: .anchor, item: item, record: nil, usedAt: result.nominal,
                reading: nil, sensitivity: 1, u: result.u, contribution: result.u, share: 0, dof: result.dof, type: .B,
                isDominant: false)
            return Self.budget([BudgetTerm(contribution: contribution, vector: vector)], result: result)
        }
    }

    /// The budget of terms: their combined u, shares, correlations and the dominant one.
    static func budget(_ terms: [BudgetTerm], result: PointUncertainty) -> PointBudget {
        var total = VectorAccumulator(denseSlots: false)
        for term in terms { total.add(term.vector) }
        let variance = total.squaredNorm
        var contributions = terms.map(\.contribution)
        var correlations: [BudgetCorrelation] = []
        for (i, term) in terms.enumerated() {
            // Cov(input, result): the shared components, and its own private part.
            let covariance = term.vector.dot(total) + term.vector.privateSquares
            contributions[i].share = variance > 0 ? covariance / variance : 0
            for j in (i + 1)..<max(i + 1, terms.count) {
                let product = term.vector.dot(terms[j].vector)
                guard product != 0 else { continue }
                let norms = (term.vector.squaredNorm * terms[j].vector.squaredNorm).squareRoot()
                correlations.append(BudgetCorrelation(first: i, second: j, coefficient: product / norms))
            }
        }
        if let largest = contributions.indices.max(by: { contributions[$0].share < contributions[$1].share }) {
            contributions[largest].isDominant = true
        }
        return PointBudget(
            nominal: result.nominal, contributions: contributions, correlations: correlations,
            combined: variance.squareRoot(), result: result)
    }
}
