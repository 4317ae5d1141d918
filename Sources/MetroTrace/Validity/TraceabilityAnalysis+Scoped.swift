extension TraceabilityAnalysis {
    /// Analyses only what the chains of `items` read: their records
    /// and everything upstream of them, propagated and judged exactly as the whole
    /// analysis would, in the same order, so that their chains, validities and
    /// uncertainties are the ones ``init(network:policy:)`` gives (tests compare them on
    /// seeded random networks).
    ///
    /// For a command about one item of a national network, which would otherwise settle
    /// millions of records to read a few dozen. Only the chains of `items` may be asked
    /// for (``chain(of:at:)``, ``validity(of:at:)``, the uncertainty and budgets of their
    /// records); asking for another item's is a programming error and traps.
    ///
    /// - Complexity: O(a·(r + log h)) for the a records of the scope with r references.
    public init(network: Network, policy: Policy = Policy(), chainsOf items: some Sequence<ItemIndex>) {
        let scope = AnalysisScope(network: network, items: items)
        self.network = network
        self.policy = policy
        self.scope = scope
        let count = network.recordCount
        var effectiveDue = [Day?](repeating: nil, count: count)
        for record in scope.records {
            let r = record.int
            effectiveDue[r] = policy.effectiveDue(
                stated: network.recordDue[r], date: network.recordDate[r],
                kind: network.itemKind[network.recordItem[r].int])
        }
        judged = RecordResults(
            effectiveDue: effectiveDue, findingStart: [], findings: [], sound: [], upstreamWorst: [],
            suspectSince: [Day?](repeating: nil, count: count),
            suspectCause: [Int32](repeating: -1, count: count),
            propagation: Propagator(
                network: network, selection: AllRecords(count: 0), probability: 0, denseSlots: false))
        var propagator = Propagator(
            network: network, selection: AllRecords(count: count), probability: policy.coverageProbability,
            denseSlots: false)
        // Uses are counted over the whole network, so that what is identified or folded
        // is what the whole analysis identifies or folds, and every sum is added up in
        // the same order: the results are the same to the last bit, not only to rounding.
        propagator.countUses(of: network.recordIndices)
        propagator.identifyAnchors()
        let facts = ItemFacts.table(network)
        var progress = RecordPass.Progress(count: count, table: PolicyTable(policy))
        var block = RecordPass.Block()
        // Each record is a block of one; the records between stay unjudged, with no findings.
        for record in scope.records {
            let r = record.int
            while progress.findingStart.count <= r { progress.findingStart.append(Int32(progress.findings.count)) }
            propagateBlock(r..<r + 1, items: facts, with: &propagator, into: &block)
            judgeBlock(block, items: facts, into: &progress)
        }
        while progress.findingStart.count <= count { progress.findingStart.append(Int32(progress.findings.count)) }
        propagator.accumulator = VectorAccumulator(denseSlots: false)
        propagator.partsScratch = []
        judged.sound = progress.sound
        judged.upstreamWorst = progress.upstreamWorst
        judged.findings = progress.findings
        judged.findingStart = progress.findingStart
        judged.propagation = propagator
        settleSuspects(of: scope.records)
    }

    /// Traps when the analysis is scoped and `item`'s chain is outside its scope: what
    /// it would say of that item is not settled.
    @inline(__always)
    func requireCovered(_ item: ItemIndex) {
        if let scope {
            precondition(scope.covers(item), "the analysis settled only the chains of the items it was made for")
        }
    }
}
