/// Everything about a network's records that does not depend on the query date,
/// settled once under a policy: each record's own findings (judged at its own date),
/// whether it is sound, the worst finding on it and upstream of it, and from which day
/// it is suspect.
///
/// Records are visited in index order, which is date order with same-day records after
/// what they depend on, so one linear pass settles the whole history (DESIGN.md,
/// *Sound record*). Query-date questions (``validity(at:)``, ``chain(of:at:)``) then
/// cost a binary search and a few lookups per item.
public struct TraceabilityAnalysis: Sendable {
    /// The network analysed.
    public let network: Network
    /// The policy the findings follow.
    public let policy: Policy

    /// What the analysis settled about each record.
    var judged: RecordResults
    /// The chains the analysis answers for when it settled only what they read
    /// (``init(network:policy:chainsOf:)``); nil when it settled every record.
    let scope: AnalysisScope?

    /// Analyses every record of `network` under `policy`.
    ///
    /// - Complexity: O(n + r·log h) for n records with r references in all, h being the
    ///   longest history of one item.
    public init(network: Network, policy: Policy = Policy()) {
        self.init(network: network, policy: policy, blockSize: RecordPass.blockSize(records: network.recordCount))
    }

    /// Analyses with records propagated and judged in blocks of `blockSize` (tests use
    /// small blocks to exercise block boundaries), on two threads or one as `pipelined`
    /// says (by default two for more than two blocks; ``RecordPass``).
    init(network: Network, policy: Policy, blockSize: Int, pipelined: Bool? = nil) {
        self.network = network
        self.policy = policy
        scope = nil
        let count = network.recordCount
        let items = ItemFacts.table(network)
        var propagator = Propagator(
            network: network, selection: AllRecords(count: count), probability: policy.coverageProbability,
            denseSlots: true)
        propagator.countUses(of: network.recordIndices)
        propagator.identifyAnchors()
        judged = RecordResults(
            effectiveDue: (0..<count).map { r in
                policy.effectiveDue(
                    stated: network.recordDue[r], date: network.recordDate[r],
                    kind: items[network.recordItem[r].int].kind)
            },
            findingStart: [], findings: [], sound: [], upstreamWorst: [],
            suspectSince: [Day?](repeating: nil, count: count),
            suspectCause: [Int32](repeating: -1, count: count),
            propagation: Propagator(
                network: network, selection: AllRecords(count: 0), probability: 0, denseSlots: false))
        let settled = settleRecords(
            propagator: consume propagator, items: items, blockSize: blockSize, pipelined: pipelined)
        judged.sound = settled.sound
        judged.upstreamWorst = settled.upstreamWorst
        judged.findings = settled.findings
        judged.findingStart = settled.findingStart
        judged.propagation = settled.propagator
        settleSuspects(of: network.recordIndices)
    }

    /// Rebuilds an analysis from results computed earlier for the same network and policy
    /// (kept detached from it: ``RecordResults/detached()``).
    init(network: Network, policy: Policy, judgements: RecordResults) {
        self.network = network
        self.policy = policy
        scope = nil
        judged = judgements
        judged.propagation.network = network
    }

    static func rank(_ severity: FindingSeverity) -> UInt8 { UInt8(severity.rank + 1) }

    static func severity(rank: UInt8) -> FindingSeverity? {
        switch rank {
        case 1: .info
        case 2: .warning
        case 3: .error
        default: nil
        }
    }

    /// The record's own findings, judged at its own date.
    func ownFindings(_ record: RecordIndex) -> ArraySlice<FindingCode> {
        judged.findings[Int(judged.findingStart[record.int])..<Int(judged.findingStart[record.int + 1])]
    }

    /// Whether a record is sound: its basis held at its own date.
    public func isSound(_ record: RecordIndex) -> Bool { judged.sound[record.int] }

    /// The due date of a record: as stated, or after the policy's interval; nil when it
    /// never expires.
    public func due(of record: RecordIndex) -> Day? { judged.effectiveDue[record.int] }

    // MARK: Anchors

    /// Whether an item can end a chain at `day`, and if not, why.
    func anchorState(_ item: ItemIndex, at day: Day) -> AnchorState {
        network.anchorState(item, at: day)
    }
}
