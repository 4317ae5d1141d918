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
        self.network = network
        self.policy = policy
        let count = network.recordCount
        var propagator = Propagator(
            network: network, selection: AllRecords(count: count), probability: policy.coverageProbability,
            denseSlots: true)
        propagator.countUses(of: network.recordIndices)
        propagator.identifyAnchors()
        judged = RecordJudgements(
            effectiveDue: (0..<count).map { r in
                policy.effectiveDue(
                    stated: network.recordDue[r], date: network.recordDate[r],
                    kind: network.itemKind[network.recordItem[r].int])
            },
            findingStart: [0], findings: [], sound: [Bool](repeating: false, count: count),
            upstreamWorst: [UInt8](repeating: 0, count: count),
            suspectSince: [Day?](repeating: nil, count: count),
            suspectCause: [Int32](repeating: -1, count: count),
            propagation: Propagator(network: network, selection: AllRecords(count: 0), probability: 0, denseSlots: false))
        judged.findingStart.reserveCapacity(count + 1)
        var scratch: [FindingCode] = []
        for r in 0..<count {
            let record = RecordIndex(Int32(r))
            let supported = propagator.propagate(record)
            let points = propagator.pointResults(of: record, supported: supported)
            scratch.removeAll(keepingCapacity: true)
            let (isSound, worst) = judge(record, points: points, into: &scratch)
            judged.sound[r] = isSound
            judged.upstreamWorst[r] = worst
            judged.findings.append(contentsOf: scratch)
            judged.findingStart.append(Int32(judged.findings.count))
        }
        propagator.accumulator = VectorAccumulator(denseSlots: false)
        judged.propagation = propagator
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
    /// rank on it and upstream. `points` are the record's uncertainties per point.
    func judge(_ r: RecordIndex, points: [PointUncertainty], into out: inout [FindingCode]) -> (Bool, UInt8) {
        let net = network
        let item = net.recordItem[r.int]
        let day = net.recordDate[r.int]
        let inCycle = net.recordInCycle[r.int]
        var worst: UInt8 = 0
        var referencesValid = true

        func add(_ finding: FindingCode) {
            out.append(finding)
            worst = max(worst, Self.rank(finding.severity))
        }

        if inCycle {
            add(FindingCode(.cycle, policy.severity(of: .cycle), record: r))
        }
        let references = net.referenceRows(of: r)
        if references.isEmpty, anchorState(item, at: day) != .valid {
            add(FindingCode(.unanchored, policy.severity(of: .unanchored), record: r))
        }
        for (position, reference) in references.enumerated() {
            let check = checkReference(reference, position: position, of: r, at: day)
            for finding in check.findings { add(finding) }
            if !check.valid { referencesValid = false }
            worst = max(worst, check.upstreamRank)
        }
        judgeLab(r, item: item, day: day, points: points, add: add)
        judgePoints(r, item: item, points: points, add: add)
        if net.recordVerdict[r.int] == .fail {
            add(FindingCode(.verdictFail, policy.severity(of: .verdictFail), record: r))
        }
        judgeInterval(r, item: item, day: day, add: add)
        let ownError = out.contains { $0.severity == .error }
        return (!ownError && referencesValid, worst)
    }

    /// The outcome of checking one reference of a record at the record's date.
    struct ReferenceCheck {
        var findings: [FindingCode] = []
        var valid = true
        /// The worst rank upstream through this reference.
        var upstreamRank: UInt8 = 0
        /// The reference's record in force at the date, unless it served as an anchor.
        var record: RecordIndex?
        var isAnchor = false
    }

    func checkReference(_ reference: ReferenceRow, position: Int, of r: RecordIndex, at day: Day) -> ReferenceCheck {
        let net = network
        let target = reference.item
        var check = ReferenceCheck()
        func fail(_ rule: Rule, detail: Int = position, value: Double = .nan, limit: Double = .nan,
                  on: Day? = nil)
        {
            let severity = policy.severity(of: rule)
            check.findings.append(FindingCode(
                rule, severity, record: r, subject: target, detail: detail, value: value,
                limit: limit, day: on))
            if severity == .error { check.valid = false }
        }
        let used: RecordIndex
        let bothInCycle: Bool
        switch net.resolve(reference, of: r) {
        case .anchor:
            check.isAnchor = true
            if let outside = valueOutside(net.anchorRows(of: target), reference, of: r) {
                fail(.referenceOutOfRange, value: outside)
            }
            return check
        case .none:
            fail(target.isAnchorKind(in: net) ? .referenceAnchorInvalid : .referenceNoRecord)
            return check
        case .record(let record):
            (used, bothInCycle) = (record, false)
            check.upstreamRank = judged.upstreamWorst[used.int]
        case .cycle(let record):
            // Records in cycles may use records not yet settled; the cycle finding says it
            // all, so a cycle member neither inherits from nor blames another.
            (used, bothInCycle) = (record, true)
        }
        check.record = used
        if let due = judged.effectiveDue[used.int], due < day {
            fail(.referenceExpired, on: due)
        }
        if !bothInCycle, !judged.sound[used.int] {
            fail(.referenceInvalid)
        }
        if net.recordVerdict[used.int] == .fail {
            fail(.referenceVerdictFail)
        }
        let (state, since) = net.state(of: target, at: day)
        if !state.isInService {
            fail(.referenceOutOfService, on: since)
        }
        if let outside = valueOutside(net.pointRows(of: used), reference, of: r) {
            fail(.referenceOutOfRange, value: outside)
        }
        return check
    }

    /// The first value at which a reference was used (its `at`, or each point's nominal)
    /// that lies outside the span of `calibrated` points.
    func valueOutside(_ calibrated: ArraySlice<PointRow>, _ reference: ReferenceRow, of r: RecordIndex) -> Double? {
        guard let low = calibrated.map(\.nominal).min(), let high = calibrated.map(\.nominal).max() else { return nil }
        let used = reference.isUsedAtEachPoint ? network.pointRows(of: r).map(\.nominal) : [reference.at]
        return used.first { !QuantityRange.contains($0, lower: low, upper: high) }
    }

    func judgeLab(
        _ r: RecordIndex, item: ItemIndex, day: Day, points: [PointUncertainty], add: (FindingCode) -> Void
    ) {
        let net = network
        let lab = net.recordLab[r.int]
        if !net.accreditationRows(of: lab).contains(where: { $0.contains(day) }) {
            add(FindingCode(.labNotAccredited, policy.severity(of: .labNotAccredited), record: r))
        }
        let quantity = net.itemQuantity[item.int]
        let activity = net.recordActivity[r.int]
        let scope = net.capabilityRows(of: lab).filter {
            $0.quantity == quantity && $0.activity == activity && $0.window.contains(day)
        }
        let severity = policy.severity(of: .labOutOfScope)
        guard !scope.isEmpty else {
            add(FindingCode(.labOutOfScope, severity, record: r))
            return
        }
        for (position, point) in points.enumerated() {
            let covering = scope.filter { QuantityRange.contains(point.nominal, lower: $0.lower, upper: $0.upper) }
            guard !covering.isEmpty else {
                add(FindingCode(.labOutOfScope, severity, record: r, detail: position, value: point.nominal))
                continue
            }
            // The most lenient covering capability decides whether U is below the CMC.
            let cmcs = covering.filter(\.hasCMC).map {
                CMC.evaluate(absolute: $0.cmcAbsolute, relative: $0.cmcRelative, combine: $0.cmcCombine, at: point.nominal) / $0.cmcK
            }
            // The point's U, stated or (when none is) propagated; an unknown (zero) one is
            // not compared.
            guard let cmcStandard = cmcs.min(), point.u > 0 else { continue }
            if point.u < cmcStandard * (1 - 1e-9) {
                add(FindingCode(
                    .belowCMC, policy.severity(of: .belowCMC), record: r, detail: position,
                    value: point.u, limit: cmcStandard))
            }
        }
    }

    /// The test uncertainty ratio and the chain-supported uncertainty at each point.
    func judgePoints(_ r: RecordIndex, item: ItemIndex, points: [PointUncertainty], add: (FindingCode) -> Void) {
        let net = network
        let hasBudget = !net.budgetRows(of: r).isEmpty
        for (position, point) in points.enumerated() where point.isStated {
            // With a budget, the stated U may lie at most 0.5 % below k·u; without one,
            // the stated u must cover what the references carry (the residual is real).
            let below = hasBudget
                ? point.expanded < point.k * point.supported * (1 - 0.005)
                : point.u < point.supported * (1 - 1e-9)
            if below {
                add(FindingCode(
                    .belowChainUncertainty, policy.severity(of: .belowChainUncertainty), record: r,
                    detail: position, value: point.expanded, limit: point.k * point.supported))
            }
        }
        let absolute = net.itemToleranceAbsolute[item.int]
        let relative = net.itemToleranceRelative[item.int]
        guard !absolute.isNaN || !relative.isNaN,
              let threshold = policy.testUncertaintyRatio[net.recordActivity[r.int]]
        else { return }
        for (position, point) in points.enumerated() {
            guard point.expanded > 0 else { continue }
            let tolerance = (absolute.isNaN ? 0 : absolute) + (relative.isNaN ? 0 : relative) * abs(point.nominal)
            let ratio = tolerance / point.expanded
            if ratio < threshold.minimum {
                add(FindingCode(
                    .testUncertaintyRatio, policy.severities[.testUncertaintyRatio] ?? threshold.severity,
                    record: r, detail: position, value: ratio, limit: threshold.minimum))
            }
        }
    }

    func judgeInterval(_ r: RecordIndex, item: ItemIndex, day: Day, add: (FindingCode) -> Void) {
        let kind = network.itemKind[item.int]
        guard let due = judged.effectiveDue[r.int] else {
            add(FindingCode(.noDueDate, policy.severity(of: .noDueDate), record: r))
            return
        }
        if let months = policy.maximumIntervalMonths[kind], due > day.adding(months: months) {
            add(FindingCode(
                .intervalTooLong, policy.severity(of: .intervalTooLong), record: r,
                value: Double(months), day: due))
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
