import Synchronization

extension Network {
    /// An empty network, standing in for the network of results kept in its own cache.
    static let placeholder: Network = {
        var builder = NetworkBuilder()
        guard let network = try? builder.build() else { preconditionFailure("an empty network always builds") }
        return network
    }()

    /// The analysis of this network under `policy`: computed on first use, then kept
    /// with the network (copies share it), so repeated queries cost only their own work.
    ///
    /// - Complexity: O(n) for n records on first use under a policy, O(1) after.
    public func analysis(policy: Policy = Policy()) -> TraceabilityAnalysis {
        if let judgements = analysisCache.judgements(for: policy) {
            return TraceabilityAnalysis(network: self, policy: policy, judgements: judgements)
        }
        let analysis = TraceabilityAnalysis(network: self, policy: policy)
        analysisCache.store(analysis.judged.detached(), for: policy)
        return analysis
    }

    /// Whether each item is traceable at `day`, in item order.
    ///
    /// - Complexity: O(n·(log h + e)) for n items with h records and e events each,
    ///   after the analysis (see ``analysis(policy:)``).
    public func validity(at day: Day, policy: Policy = Policy()) -> [ItemValidity] {
        analysis(policy: policy).validity(at: day)
    }

    /// Whether one item is traceable at `day`.
    ///
    /// - Complexity: O(log h + e), after the analysis.
    public func validity(of item: ItemIndex, at day: Day, policy: Policy = Policy()) -> ItemValidity {
        analysis(policy: policy).validity(of: item, at: day)
    }

    /// The full traceability chain behind an item at `day`: its record in force and every
    /// upstream record up to the anchors, with their findings.
    ///
    /// - Complexity: O(c·(log h + e)) for a chain of c records, after the analysis.
    public func chain(of item: ItemIndex, at day: Day, policy: Policy = Policy()) -> Chain {
        analysis(policy: policy).chain(of: item, at: day)
    }

    /// Every finding on an item's chain at `day`.
    public func findings(of item: ItemIndex, at day: Day, policy: Policy = Policy()) -> [Finding] {
        analysis(policy: policy).findings(of: item, at: day)
    }
}

extension Network {
    /// The uncertainty at each point of an item's result at `day` (its record in force,
    /// or an anchor's realised uncertainty): stated U echoed, otherwise propagated.
    ///
    /// - Complexity: O(r·v) for r references with v components each, after the analysis.
    public func uncertainty(of item: ItemIndex, at day: Day, policy: Policy = Policy()) -> [PointUncertainty] {
        analysis(policy: policy).uncertainty(of: item, at: day)
    }

    /// The covariance of two results at `day` (GUM 5.2: correlated through the
    /// standards they share).
    ///
    /// - Complexity: O(c·v) for the c records of both chains, after the analysis.
    public func covariance(_ a: Measurand, _ b: Measurand, at day: Day, policy: Policy = Policy()) -> Double? {
        analysis(policy: policy).covariance(a, b, at: day)
    }

    /// The correlation coefficient of two results at `day`.
    ///
    /// - Complexity: O(c·v) for the c records of both chains, after the analysis.
    public func correlation(_ a: Measurand, _ b: Measurand, at day: Day, policy: Policy = Policy()) -> Double? {
        analysis(policy: policy).correlation(a, b, at: day)
    }
}

/// The analyses of one network, by policy. Holds only the per-record results, detached
/// from the network (``RecordResults/detached()``): the network holds this cache, so
/// the cache must not hold the network, or neither would ever be freed.
final class AnalysisCache: Sendable {
    private let entries = Mutex<[Policy: RecordResults]>([:])
    /// How many policies are remembered at once.
    static let capacity = 4

    func judgements(for policy: Policy) -> RecordResults? {
        entries.withLock { $0[policy] }
    }

    func store(_ judgements: RecordResults, for policy: Policy) {
        entries.withLock { table in
            if table.count >= Self.capacity { table.removeAll() }
            table[policy] = judgements
        }
    }
}
