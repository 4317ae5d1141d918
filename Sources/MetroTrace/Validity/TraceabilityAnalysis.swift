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
    var judged: RecordJudgements

    /// Analyses every record of `network` under `policy`.
    ///
    /// - Complexity: O(n + r·log h) for n records with r references in all, h being the
    ///   longest history of one item.
    public init(network: Network, policy: Policy = Policy()) {
        self.init(network: network, policy: policy, blockSize: RecordPass.blockSize)
    }

    /// Analyses with records propagated and judged in blocks of `blockSize` (tests use
    /// small blocks to exercise block boundaries).
    init(network: Network, policy: Policy, blockSize: Int) {
        self.network = network
        self.policy = policy
        let count = network.recordCount
        let items = ItemFacts.table(network)
        var propagator = Propagator(
            network: network, selection: AllRecords(count: count), probability: policy.coverageProbability,
            denseSlots: true)
        propagator.countUses(of: network.recordIndices)
        propagator.identifyAnchors()
        judged = RecordJudgements(
            effectiveDue: (0..<count).map { r in
                policy.effectiveDue(
                    stated: network.recordDue[r], date: network.recordDate[r],
                    kind: items[network.recordItem[r].int].kind)
            },
            findingStart: [], findings: [], sound: [], upstreamWorst: [],
            suspectSince: [Day?](repeating: nil, count: count),
            suspectCause: [Int32](repeating: -1, count: count),
            propagation: Propagator(network: network, selection: AllRecords(count: 0), probability: 0, denseSlots: false))
        let settled = settleRecords(propagator: consume propagator, items: items, blockSize: blockSize)
        judged.sound = settled.sound
        judged.upstreamWorst = settled.upstreamWorst
        judged.findings = settled.findings
        judged.findingStart = settled.findingStart
        judged.propagation = settled.propagator
        settleSuspects()
    }

    /// Rebuilds an analysis from results computed earlier for the same network and policy.
    init(network: Network, policy: Policy, judgements: RecordJudgements) {
        self.network = network
        self.policy = policy
        judged = judgements
    }

    static func rank(_ severity: Severity) -> UInt8 { UInt8(severity.rank + 1) }

    static func severity(rank: UInt8) -> Severity? {
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

    // MARK: Judging one record at its own date

    /// Appends the record's own findings; returns whether it is sound and the worst
    /// rank on it and upstream. `facts` are the record's item's, `points` the record's
    /// uncertainties per point.
    ///
    /// Runs once per record of the network, so nothing in it allocates unless a finding
    /// is added.
    func judge(
        _ r: RecordIndex, facts: ItemFacts, points: ArraySlice<PointUncertainty>, items: [ItemFacts], used: [UsedRecordFacts],
        table: PolicyTable, into out: inout [FindingCode]
    ) -> (Bool, UInt8) {
        let item = network.recordItem[r.int]
        let day = network.recordDate[r.int]
        var worst: UInt8 = 0
        var referencesValid = true

        func add(_ finding: FindingCode) {
            out.append(finding)
            worst = max(worst, Self.rank(finding.severity))
        }

        if network.recordInCycle[r.int] {
            add(FindingCode(.cycle, table[.cycle], record: r))
        }
        let references = network.referenceRows(of: r)
        if references.isEmpty, anchorState(item, at: day) != .valid {
            add(FindingCode(.unanchored, table[.unanchored], record: r))
        }
        for (position, reference) in references.enumerated() {
            let (valid, upstream) = checkReference(
                reference, position: position, of: r, at: day, items: items, used: used, table: table, add: add)
            if !valid { referencesValid = false }
            worst = max(worst, upstream)
        }
        judgeLab(r, facts: facts, day: day, points: points, table: table, add: add)
        judgePoints(r, facts: facts, points: points, table: table, add: add)
        if network.recordVerdict[r.int] == .fail {
            add(FindingCode(.verdictFail, table[.verdictFail], record: r))
        }
        judgeInterval(r, kind: facts.kind, day: day, table: table, add: add)
        let ownError = out.contains { $0.severity == .error }
        return (!ownError && referencesValid, worst)
    }

    /// Checks one reference of a record at the record's date, adding its findings.
    /// Returns whether it holds (no error finding) and the worst rank upstream through it.
    func checkReference(
        _ reference: ReferenceRow, position: Int, of r: RecordIndex, at day: Day, items: [ItemFacts],
        used usedFacts: [UsedRecordFacts], table: PolicyTable, add: (FindingCode) -> Void
    ) -> (valid: Bool, upstreamRank: UInt8) {
        let target = reference.item
        var valid = true
        func fail(_ rule: Rule, value: Double = .nan, on: Day? = nil) {
            let severity = table[rule]
            add(FindingCode(rule, severity, record: r, subject: target, detail: position, value: value, day: on))
            if severity == .error { valid = false }
        }
        let used: RecordIndex
        let bothInCycle: Bool
        switch network.resolve(reference, of: r) {
        case .anchor:
            if let outside = valueOutside(network.anchorRows(of: target), reference, of: r) {
                fail(.referenceOutOfRange, value: outside)
            }
            return (valid, 0)
        case .none:
            fail(target.isAnchorKind(in: network) ? .referenceAnchorInvalid : .referenceNoRecord)
            return (valid, 0)
        case .record(let record):
            (used, bothInCycle) = (record, false)
        case .cycle(let record):
            // Records in cycles may use records not yet settled; the cycle finding says it
            // all, so a cycle member neither inherits from nor blames another.
            (used, bothInCycle) = (record, true)
        }
        // A record in the same cycle may not be judged yet: read what it is made of.
        let facts = bothInCycle
            ? UsedRecordFacts(
                points: network.pointRows(of: used), verdictFail: network.recordVerdict[used.int] == .fail,
                due: judged.effectiveDue[used.int], sound: false, upstreamWorst: 0)
            : usedFacts[used.int]
        if facts.due < day.ordinal {
            fail(.referenceExpired, on: Day(ordinal: facts.due))
        }
        if !bothInCycle, !facts.sound {
            fail(.referenceInvalid)
        }
        if facts.verdictFail {
            fail(.referenceVerdictFail)
        }
        if items[target.int].hasEvents {
            let (state, since) = network.state(of: target, at: day)
            if !state.isInService {
                fail(.referenceOutOfService, on: since)
            }
        }
        if let outside = valueOutside(low: facts.low, high: facts.high, reference, of: r) {
            fail(.referenceOutOfRange, value: outside)
        }
        return (valid, bothInCycle ? 0 : facts.upstreamWorst)
    }

    /// The first value at which a reference was used (its `at`, or each point's nominal)
    /// that lies outside the span of `calibrated` points.
    func valueOutside(_ calibrated: ArraySlice<PointRow>, _ reference: ReferenceRow, of r: RecordIndex) -> Double? {
        guard var low = calibrated.first?.nominal else { return nil }
        var high = low
        for point in calibrated {
            low = min(low, point.nominal)
            high = max(high, point.nominal)
        }
        return valueOutside(low: low, high: high, reference, of: r)
    }

    /// The first value at which a reference was used that lies outside [low, high]; nil
    /// when the span is unknown (NaN: a record without points).
    func valueOutside(low: Double, high: Double, _ reference: ReferenceRow, of r: RecordIndex) -> Double? {
        guard !low.isNaN else { return nil }
        guard reference.isUsedAtEachPoint else {
            return QuantityRange.contains(reference.at, lower: low, upper: high) ? nil : reference.at
        }
        return network.pointRows(of: r).first { !QuantityRange.contains($0.nominal, lower: low, upper: high) }?.nominal
    }

    func judgeLab(
        _ r: RecordIndex, facts: ItemFacts, day: Day, points: ArraySlice<PointUncertainty>, table: PolicyTable,
        add: (FindingCode) -> Void
    ) {
        let lab = network.recordLab[r.int]
        if !network.accreditationRows(of: lab).contains(where: { $0.contains(day) }) {
            add(FindingCode(.labNotAccredited, table[.labNotAccredited], record: r))
        }
        let activity = network.recordActivity[r.int]
        let capabilities = network.capabilityRows(of: lab)
        func inScope(_ capability: CapabilityRow) -> Bool {
            capability.quantity == facts.quantity && capability.activity == activity && capability.window.contains(day)
        }
        guard capabilities.contains(where: inScope) else {
            add(FindingCode(.labOutOfScope, table[.labOutOfScope], record: r))
            return
        }
        for (position, point) in points.enumerated() {
            var covered = false
            // The most lenient covering capability decides whether U is below the CMC.
            var cmcStandard = Double.infinity
            for capability in capabilities
            where inScope(capability) && QuantityRange.contains(point.nominal, lower: capability.lower, upper: capability.upper) {
                covered = true
                guard capability.hasCMC else { continue }
                let cmc = CMC.evaluate(
                    absolute: capability.cmcAbsolute, relative: capability.cmcRelative,
                    combine: capability.cmcCombine, at: point.nominal)
                cmcStandard = min(cmcStandard, cmc / capability.cmcK)
            }
            guard covered else {
                add(FindingCode(.labOutOfScope, table[.labOutOfScope], record: r, detail: position, value: point.nominal))
                continue
            }
            // The point's U, stated or (when none is) propagated; an unknown (zero) one is
            // not compared.
            guard cmcStandard.isFinite, point.u > 0 else { continue }
            if point.u < cmcStandard * (1 - 1e-9) {
                add(FindingCode(
                    .belowCMC, table[.belowCMC], record: r, detail: position, value: point.u, limit: cmcStandard))
            }
        }
    }

    /// The test uncertainty ratio and the chain-supported uncertainty at each point.
    func judgePoints(
        _ r: RecordIndex, facts: ItemFacts, points: ArraySlice<PointUncertainty>, table: PolicyTable,
        add: (FindingCode) -> Void
    ) {
        let hasBudget = !network.budgetRows(of: r).isEmpty
        for (position, point) in points.enumerated() where point.isStated {
            // With a budget, the stated U may lie at most 0.5 % below k·u; without one,
            // the stated u must cover what the references carry (the residual is real).
            let below = hasBudget
                ? point.expanded < point.k * point.supported * (1 - 0.005)
                : point.u < point.supported * (1 - 1e-9)
            if below {
                add(FindingCode(
                    .belowChainUncertainty, table[.belowChainUncertainty], record: r,
                    detail: position, value: point.expanded, limit: point.k * point.supported))
            }
        }
        guard facts.hasTolerance, let threshold = table.ratioThreshold(network.recordActivity[r.int]) else { return }
        let absolute = facts.toleranceAbsolute.isNaN ? 0 : facts.toleranceAbsolute
        let relative = facts.toleranceRelative.isNaN ? 0 : facts.toleranceRelative
        for (position, point) in points.enumerated() {
            guard point.expanded > 0 else { continue }
            let ratio = (absolute + relative * abs(point.nominal)) / point.expanded
            if ratio < threshold.minimum {
                add(FindingCode(
                    .testUncertaintyRatio, threshold.severity, record: r, detail: position, value: ratio,
                    limit: threshold.minimum))
            }
        }
    }

    func judgeInterval(_ r: RecordIndex, kind: ItemKind, day: Day, table: PolicyTable, add: (FindingCode) -> Void) {
        guard let due = judged.effectiveDue[r.int] else {
            add(FindingCode(.noDueDate, table[.noDueDate], record: r))
            return
        }
        if let months = table.maximumIntervalMonths(kind), due > day.adding(months: months) {
            add(FindingCode(
                .intervalTooLong, table[.intervalTooLong], record: r, value: Double(months), day: due))
        }
    }
}

/// The per-record results of an analysis, kept apart from the network so that a network
/// can cache them (``Network/analysis(policy:)``).
struct RecordJudgements: Sendable {
    var effectiveDue: [Day?]
    var findingStart: [Int32]
    var findings: [FindingCode]
    var sound: [Bool]
    var upstreamWorst: [UInt8]
    var suspectSince: [Day?]
    var suspectCause: [Int32]
    var propagation: Propagator<AllRecords>
}
