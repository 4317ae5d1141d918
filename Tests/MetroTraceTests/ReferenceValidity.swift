@testable import MetroTrace

/// A slow, obviously-correct implementation of chain validity for checking the fast
/// analysis: it works on the dataset as written, finds records in force by scanning,
/// and judges every reference recursively at its own date, without memoisation.
struct ReferenceValidity {
    let dataset: Dataset
    let policy: Policy

    struct Key: Hashable, Comparable {
        var rule: String
        var record: String?
        var severity: FindingSeverity

        static func < (a: Key, b: Key) -> Bool {
            (a.rule, a.record ?? "", a.severity.rank) < (b.rule, b.record ?? "", b.severity.rank)
        }
    }

    var items: [String: Item] {
        Dictionary(dataset.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
    var labs: [String: Lab] { Dictionary(dataset.labs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }

    // MARK: Time

    /// The record of `item` in force on `day`, by scanning: latest date, then latest in
    /// the dataset.
    func inForce(_ item: String, _ day: Day) -> Int? {
        var best: Int?
        for (index, record) in dataset.calibrations.enumerated() where record.item == item && record.date <= day {
            if let current = best, dataset.calibrations[current].date > record.date { continue }
            best = index
        }
        return best
    }

    func state(_ item: String, _ day: Day) -> (ItemState, Day?) {
        var result: (ItemState, Day?) = (.inService, nil)
        var bestDate: Day?
        for event in items[item]!.events where event.date <= day {
            if let bestDate, event.date < bestDate { continue }
            bestDate = event.date
            result = (event.state, event.date)
        }
        return result
    }

    func due(_ r: Int) -> Day? {
        let record = dataset.calibrations[r]
        return policy.effectiveDue(stated: record.due, date: record.date, kind: items[record.item]!.kind)
    }

    func anchorValid(_ item: String, _ day: Day) -> Bool? {
        let it = items[item]!
        guard it.kind.canAnchor else { return nil }
        let windows = it.recognized.map(\.window)
        var recognized: Bool
        switch it.kind {
        case .siRealization: recognized = windows.isEmpty || windows.contains { $0.contains(day) }
        case .primaryStandard: recognized = windows.contains { $0.contains(day) }
        default:
            if windows.isEmpty, let lab = it.lab {
                recognized = labs[lab]!.accreditations.contains { $0.window.contains(day) }
            } else {
                recognized = windows.contains { $0.contains(day) }
            }
        }
        return recognized && state(item, day).0.isInService
    }

    // MARK: Cycles

    /// The records a record depends on: each reference's record in force at its date.
    func dependencies(_ r: Int) -> [Int] {
        let record = dataset.calibrations[r]
        return record.references.compactMap { reference in
            anchorValid(reference.item, record.date) == true ? nil : inForce(reference.item, record.date)
        }
    }

    /// Whether `r` can reach itself through dependencies (depth-first, no memo).
    func inCycle(_ r: Int) -> Bool {
        var stack = dependencies(r)
        var seen: Set<Int> = []
        while let next = stack.popLast() {
            if next == r { return true }
            if seen.insert(next).inserted { stack.append(contentsOf: dependencies(next)) }
        }
        return false
    }

    // MARK: Records at their own date

    struct Judgement {
        var own: [Key]
        var sound: Bool
        /// Own findings and every upstream record's, each at its own date.
        var upstream: [Key]
    }

    func judge(_ r: Int) -> Judgement {
        let record = dataset.calibrations[r]
        let day = record.date
        let item = items[record.item]!
        let cycle = inCycle(r)
        var own: [Key] = []
        var upstream: [Key] = []
        var referencesValid = true
        func add(_ rule: Rule, _ severity: FindingSeverity? = nil) {
            own.append(Key(rule: rule.id, record: record.id, severity: severity ?? policy.severity(of: rule)))
        }
        if cycle { add(.cycle) }
        if record.references.isEmpty, anchorValid(record.item, day) != true { add(.unanchored) }
        for reference in record.references {
            let before = own.count
            let anchor = anchorValid(reference.item, day)
            let usedAt: [Double] =
                switch reference.at {
                case .value(let value): [value.si]
                case .eachPoint: record.points.map(\.nominal.si)
                }
            func outside(_ nominals: [Double]) -> Bool {
                guard let low = nominals.min(), let high = nominals.max() else { return false }
                return usedAt.contains { !QuantityRange.contains($0, lower: low, upper: high) }
            }
            if anchor == true {
                if outside(items[reference.item]!.uncertainty.map(\.nominal.si)) { add(.referenceOutOfRange) }
            } else if let used = inForce(reference.item, day) {
                let bothInCycle = cycle && inCycle(used)
                let usedJudgement = bothInCycle ? nil : judge(used)
                if let usedJudgement { upstream += usedJudgement.upstream }
                if let due = due(used), due < day { add(.referenceExpired) }
                if let usedJudgement, !usedJudgement.sound { add(.referenceInvalid) }
                if dataset.calibrations[used].verdict == .fail { add(.referenceVerdictFail) }
                if !state(reference.item, day).0.isInService { add(.referenceOutOfService) }
                if outside(dataset.calibrations[used].points.map(\.nominal.si)) { add(.referenceOutOfRange) }
            } else {
                add(anchor == nil ? .referenceNoRecord : .referenceAnchorInvalid)
            }
            if own[before...].contains(where: { $0.severity == .error }) { referencesValid = false }
        }
        let lab = labs[record.lab]!
        if !lab.accreditations.contains(where: { $0.window.contains(day) }) { add(.labNotAccredited) }
        let scope = lab.capabilities.filter {
            $0.quantity == item.quantity && $0.activity == record.activity && $0.window.contains(day)
        }
        let results = DenseUncertainty(validity: self, probability: policy.coverageProbability).results(r)
        if scope.isEmpty {
            add(.labOutOfScope)
        } else {
            for (point, result) in zip(record.points, results) {
                let covering = scope.filter { $0.range.contains(point.nominal.si) }
                if covering.isEmpty {
                    add(.labOutOfScope)
                    continue
                }
                let cmcs = covering.compactMap { $0.cmc.map { $0.expandedUncertainty(at: point.nominal.si) / $0.k } }
                if let cmc = cmcs.min(), result.u > 0, result.u < cmc * (1 - 1e-9) {
                    add(.belowCMC)
                }
            }
        }
        for result in results where result.isStated {
            let below =
                record.budget.isEmpty
                ? result.u < result.supported * (1 - 1e-9)
                : result.expanded < result.k * result.supported * (1 - 0.005)
            if below { add(.belowChainUncertainty) }
        }
        if let tolerance = item.tolerance, let threshold = policy.testUncertaintyRatio[record.activity] {
            for result in results where result.expanded > 0 {
                if tolerance.limit(at: result.nominal) / result.expanded < threshold.minimum {
                    add(.testUncertaintyRatio, policy.severities[.testUncertaintyRatio] ?? threshold.severity)
                }
            }
        }
        if record.verdict == .fail { add(.verdictFail) }
        if let due = due(r) {
            if let months = policy.maximumIntervalMonths[item.kind], due > day.adding(months: months) {
                add(.intervalTooLong)
            }
        } else {
            add(.noDueDate)
        }
        let sound = !own.contains { $0.severity == .error } && referencesValid
        return Judgement(own: own, sound: sound, upstream: own + upstream)
    }

    // MARK: Reverse traceability

    func suspectSince(_ r: Int) -> (Day, String)? {
        let record = dataset.calibrations[r]
        let day = record.date
        var earliest: (Day, String)?
        func consider(_ candidate: (Day, String)) {
            if earliest == nil || candidate.0 < earliest!.0 { earliest = candidate }
        }
        for reference in record.references {
            let standard = items[reference.item]!
            let findings = standard.events.filter { $0.state == .outOfTolerance && $0.date >= day }.map(\.date)
            if let found = findings.min() {
                var good = Day(ordinal: Int32.min)
                let earlier = dataset.calibrations.indices.filter {
                    dataset.calibrations[$0].item == reference.item && dataset.calibrations[$0].date < found
                }
                for candidate in earlier
                where judge(candidate).sound && dataset.calibrations[candidate].verdict != .fail {
                    good = max(good, dataset.calibrations[candidate].date)
                }
                for event in standard.events where event.date < found && event.state.isInService {
                    good = max(good, event.date)
                }
                if good <= day { consider((found, reference.item)) }
            }
            if anchorValid(reference.item, day) != true, let used = inForce(reference.item, day),
                !(inCycle(r) && inCycle(used)), let inherited = suspectSince(used)
            {
                consider(inherited)
            }
        }
        return earliest
    }

    // MARK: Items at a query date

    func check(_ id: String, at day: Day) -> (Status, [Key]) {
        if anchorValid(id, day) == true { return (.valid, []) }
        guard let r = inForce(id, day) else {
            let item = items[id]!
            let rule: Rule
            if item.kind.canAnchor {
                rule = anchorRecognizedIgnoringService(id, day) ? .outOfService : .anchorNotRecognized
            } else {
                rule = .noRecordInForce
            }
            let key = Key(rule: rule.id, record: nil, severity: policy.severity(of: rule))
            return (Status(worst: key.severity), [key])
        }
        let recordID = dataset.calibrations[r].id
        var keys: [Key] = []
        if let due = due(r), due < day {
            keys.append(Key(rule: Rule.expired.id, record: recordID, severity: policy.severity(of: .expired)))
        }
        if !state(id, day).0.isInService {
            keys.append(Key(rule: Rule.outOfService.id, record: recordID, severity: policy.severity(of: .outOfService)))
        }
        if let (found, _) = suspectSince(r), found <= day {
            keys.append(Key(rule: Rule.suspect.id, record: recordID, severity: policy.severity(of: .suspect)))
        }
        // The status follows the upstream findings (a cycle member does not inherit from
        // another); the findings listed are those of every record in the chain.
        let worst = (keys + judge(r).upstream).map(\.severity).max()
        var chain: Set<Int> = [r]
        var queue = [r]
        while let next = queue.popLast() {
            for dependency in dependencies(next) where chain.insert(dependency).inserted {
                queue.append(dependency)
            }
        }
        for record in chain { keys += judge(record).own }
        return (Status(worst: worst), keys)
    }

    func anchorRecognizedIgnoringService(_ item: String, _ day: Day) -> Bool {
        let it = items[item]!
        let windows = it.recognized.map(\.window)
        switch it.kind {
        case .siRealization: return windows.isEmpty || windows.contains { $0.contains(day) }
        case .primaryStandard: return windows.contains { $0.contains(day) }
        default:
            if windows.isEmpty, let lab = it.lab {
                return labs[lab]!.accreditations.contains { $0.window.contains(day) }
            }
            return windows.contains { $0.contains(day) }
        }
    }
}
