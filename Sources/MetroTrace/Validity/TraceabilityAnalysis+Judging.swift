/// The findings of the record being judged, with the worst rank on it and upstream of
/// it. One value is reused from record to record, so judging allocates only while the
/// list grows past its largest size so far.
struct RecordFindings {
    private(set) var list: [FindingCode] = []
    /// The worst rank of the findings added and of what was merged from upstream.
    private(set) var worst: UInt8 = 0
    /// Whether a finding of error severity was added.
    private(set) var hasError = false

    mutating func reset() {
        list.removeAll(keepingCapacity: true)
        worst = 0
        hasError = false
    }

    mutating func add(_ finding: FindingCode) {
        list.append(finding)
        worst = max(worst, TraceabilityAnalysis.rank(finding.severity))
        if finding.severity == .error { hasError = true }
    }

    /// Takes in the worst rank found upstream of a reference.
    mutating func mergeUpstream(_ rank: UInt8) { worst = max(worst, rank) }
}

// MARK: Judging one record at its own date

// Runs once per record of the network. Rows are read by position in the network's flat
// arrays (not as slices, which retain their storage), and nothing allocates unless a
// finding is added.
extension TraceabilityAnalysis {
    /// Judges a record at its own date into `findings` (reset first); returns whether it
    /// is sound. `facts` are the record's item's, `points` the record's uncertainties per
    /// point, `used` what was settled about every earlier record.
    func judge(
        _ r: RecordIndex, facts: ItemFacts, points: UnsafeBufferPointer<PointUncertainty>, items: [ItemFacts],
        used: [UsedRecordFacts], table: PolicyTable, into findings: inout RecordFindings
    ) -> Bool {
        findings.reset()
        let item = network.recordItem[r.int]
        let day = network.recordDate[r.int]
        var referencesValid = true

        if network.recordInCycle[r.int] {
            findings.add(FindingCode(.cycle, table[.cycle], record: r))
        }
        let references = network.referenceRange(of: r)
        if references.isEmpty, anchorState(item, at: day) != .valid {
            findings.add(FindingCode(.unanchored, table[.unanchored], record: r))
        }
        for row in references {
            let valid = checkReference(
                row, position: row - references.lowerBound, of: r, at: day, items: items, used: used, table: table,
                into: &findings)
            if !valid { referencesValid = false }
        }
        judgeLab(r, facts: facts, day: day, points: points, table: table, into: &findings)
        judgePoints(r, facts: facts, points: points, table: table, into: &findings)
        if network.recordVerdict[r.int] == .fail {
            findings.add(FindingCode(.verdictFail, table[.verdictFail], record: r))
        }
        judgeInterval(r, kind: facts.kind, day: day, table: table, into: &findings)
        return !findings.hasError && referencesValid
    }

    /// Checks the reference in row `row` of the network's references (the record's
    /// `position`-th) at the record's date, adding its findings and the worst rank
    /// upstream through it. Returns whether it holds (no error finding on it).
    func checkReference(
        _ row: Int, position: Int, of r: RecordIndex, at day: Day, items: [ItemFacts],
        used usedFacts: [UsedRecordFacts], table: PolicyTable, into findings: inout RecordFindings
    ) -> Bool {
        let reference = network.references[row]
        let target = reference.item
        var valid = true
        func fail(_ rule: Rule, value: Double = .nan, on: Day? = nil, into findings: inout RecordFindings) {
            let severity = table[rule]
            findings.add(
                FindingCode(rule, severity, record: r, subject: target, detail: position, value: value, day: on))
            if severity == .error { valid = false }
        }
        let used: RecordIndex
        let bothInCycle: Bool
        switch network.resolve(reference, of: r) {
        case .anchor:
            if let outside = valueOutside(anchorPointsOf: target, reference, of: r) {
                fail(.referenceOutOfRange, value: outside, into: &findings)
            }
            return valid
        case .none:
            fail(target.isAnchorKind(in: network) ? .referenceAnchorInvalid : .referenceNoRecord, into: &findings)
            return valid
        case .record(let record):
            (used, bothInCycle) = (record, false)
        case .cycle(let record):
            // Records in cycles may use records not yet settled; the cycle finding says it
            // all, so a cycle member neither inherits from nor blames another.
            (used, bothInCycle) = (record, true)
        }
        // A record in the same cycle may not be judged yet: read what it is made of.
        let facts =
            bothInCycle
            ? UsedRecordFacts(
                points: network.points, range: network.pointRange(of: used),
                verdictFail: network.recordVerdict[used.int] == .fail,
                due: judged.effectiveDue[used.int], sound: false, upstreamWorst: 0)
            : usedFacts[used.int]
        if facts.due < day.ordinal {
            fail(.referenceExpired, on: Day(ordinal: facts.due), into: &findings)
        }
        if !bothInCycle, !facts.sound {
            fail(.referenceInvalid, into: &findings)
        }
        if facts.verdictFail {
            fail(.referenceVerdictFail, into: &findings)
        }
        if items[target.int].hasEvents {
            let (state, since) = network.state(of: target, at: day)
            if !state.isInService {
                fail(.referenceOutOfService, on: since, into: &findings)
            }
        }
        if let outside = valueOutside(low: facts.low, high: facts.high, reference, of: r) {
            fail(.referenceOutOfRange, value: outside, into: &findings)
        }
        if !bothInCycle { findings.mergeUpstream(facts.upstreamWorst) }
        return valid
    }

    /// The first value at which a reference was used (its `at`, or each point's nominal)
    /// that lies outside the span of the anchor's stated points.
    func valueOutside(anchorPointsOf anchor: ItemIndex, _ reference: ReferenceRow, of r: RecordIndex) -> Double? {
        let (low, high) = PointRow.nominalSpan(network.anchorPoints, network.anchorRange(of: anchor))
        return valueOutside(low: low, high: high, reference, of: r)
    }

    /// The first value at which a reference was used that lies outside [low, high]; nil
    /// when the span is unknown (NaN: a record without points).
    func valueOutside(low: Double, high: Double, _ reference: ReferenceRow, of r: RecordIndex) -> Double? {
        guard !low.isNaN else { return nil }
        guard reference.isUsedAtEachPoint else {
            return QuantityRange.contains(reference.at, lower: low, upper: high) ? nil : reference.at
        }
        for row in network.pointRange(of: r)
        where !QuantityRange.contains(network.points[row].nominal, lower: low, upper: high) {
            return network.points[row].nominal
        }
        return nil
    }

    /// Accreditation at the record's date, the issuing lab's scope for the item's
    /// quantity and the activity, each point within a capability, and U not below the
    /// CMC.
    func judgeLab(
        _ r: RecordIndex, facts: ItemFacts, day: Day, points: UnsafeBufferPointer<PointUncertainty>,
        table: PolicyTable, into findings: inout RecordFindings
    ) {
        let lab = network.recordLab[r.int]
        if !network.accreditationRange(of: lab).contains(where: { network.accreditations[$0].contains(day) }) {
            findings.add(FindingCode(.labNotAccredited, table[.labNotAccredited], record: r))
        }
        let activity = network.recordActivity[r.int]
        let capabilities = network.capabilityRange(of: lab)
        func inScope(_ capability: CapabilityRow) -> Bool {
            capability.quantity == facts.quantity && capability.activity == activity && capability.window.contains(day)
        }
        guard capabilities.contains(where: { inScope(network.capabilities[$0]) }) else {
            findings.add(FindingCode(.labOutOfScope, table[.labOutOfScope], record: r))
            return
        }
        for (position, point) in points.enumerated() {
            var covered = false
            // The most lenient covering capability decides whether U is below the CMC.
            var cmcStandard = Double.infinity
            for row in capabilities {
                let capability = network.capabilities[row]
                guard inScope(capability),
                    QuantityRange.contains(point.nominal, lower: capability.lower, upper: capability.upper)
                else { continue }
                covered = true
                guard capability.hasCMC else { continue }
                let cmc = CMC.evaluate(
                    absolute: capability.cmcAbsolute, relative: capability.cmcRelative,
                    combine: capability.cmcCombine, at: point.nominal)
                cmcStandard = min(cmcStandard, cmc / capability.cmcK)
            }
            guard covered else {
                findings.add(
                    FindingCode(
                        .labOutOfScope, table[.labOutOfScope], record: r, detail: position, value: point.nominal))
                continue
            }
            // The point's U, stated or (when none is) propagated; an unknown (zero) one is
            // not compared.
            guard cmcStandard.isFinite, point.u > 0 else { continue }
            if point.u < cmcStandard * (1 - 1e-9) {
                findings.add(
                    FindingCode(
                        .belowCMC, table[.belowCMC], record: r, detail: position, value: point.u, limit: cmcStandard))
            }
        }
    }

    /// The test uncertainty ratio and the chain-supported uncertainty at each point.
    func judgePoints(
        _ r: RecordIndex, facts: ItemFacts, points: UnsafeBufferPointer<PointUncertainty>, table: PolicyTable,
        into findings: inout RecordFindings
    ) {
        let hasBudget = !network.budgetRange(of: r).isEmpty
        for (position, point) in points.enumerated() where point.isStated {
            // With a budget, the stated U may lie at most 0.5 % below k·u; without one,
            // the stated u must cover what the references carry (the residual is real).
            let below =
                hasBudget
                ? point.expanded < point.k * point.supported * (1 - 0.005)
                : point.u < point.supported * (1 - 1e-9)
            if below {
                findings.add(
                    FindingCode(
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
                findings.add(
                    FindingCode(
                        .testUncertaintyRatio, threshold.severity, record: r, detail: position, value: ratio,
                        limit: threshold.minimum))
            }
        }
    }

    /// A due date at all, and a calibration interval within the policy's maximum.
    func judgeInterval(
        _ r: RecordIndex, kind: ItemKind, day: Day, table: PolicyTable, into findings: inout RecordFindings
    ) {
        guard let due = judged.effectiveDue[r.int] else {
            findings.add(FindingCode(.noDueDate, table[.noDueDate], record: r))
            return
        }
        if let months = table.maximumIntervalMonths(kind), due > day.adding(months: months) {
            findings.add(
                FindingCode(
                    .intervalTooLong, table[.intervalTooLong], record: r, value: Double(months), day: due))
        }
    }
}
