import Testing

@testable import MetroTrace

/// The fast analysis (one linear pass, memoised) against the slow recursive reference
/// on seeded random networks with shared ancestry, several references per record,
/// status events, recalibrations, same-day records and cycles.
@Suite("Randomized equivalence with a slow reference implementation")
struct RandomizedEquivalenceTests {
    /// SplitMix64: small, seedable and the same on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
        mutating func double(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + (range.upperBound - range.lowerBound) * Double(next() % 1_000_000) / 1_000_000
        }
    }

    static let origin = Day(iso: "2020-01-01")!

    static func day(_ random: inout Random, within days: Int = 40) -> Day {
        origin.advanced(by: random.int(0...days))
    }

    static func kg(_ value: Double) -> QuantityValue { QuantityValue(value, try! Unit.parse("kg"), scale: .absolute) }
    static func mg(_ value: Double) -> QuantityValue { QuantityValue(value, try! Unit.parse("mg"), scale: .interval) }

    static func window(_ random: inout Random) -> DateWindow {
        let (a, b) = (day(&random), day(&random))
        return DateWindow(from: random.chance(0.5) ? min(a, b) : nil, to: random.chance(0.4) ? max(a, b) : nil)
    }

    static func network(seed: UInt64) -> Dataset {
        var random = Random(state: seed)
        var dataset = Dataset(name: "random \(seed)")
        for id in ["L1", "L2"] {
            let accreditations =
                (0..<random.int(0...2)).map { _ in
                    Accreditation(scheme: "CNAS", window: window(&random))
                } + (id == "L1" ? [Accreditation(scheme: "CNAS", window: .always)] : [])
            let capabilities = (0..<random.int(1...3)).map { _ in
                Capability(
                    quantity: "mass", activity: random.pick(Activity.allCases),
                    range: QuantityRange(kg(random.double(0...3)), kg(random.double(5...12))),
                    cmc: random.chance(0.6)
                        ? CMC(absolute: mg(random.double(0.001...0.3)), relative: random.chance(0.3) ? 1e-8 : 0) : nil,
                    window: random.chance(0.7) ? .always : window(&random))
            }
            dataset.labs.append(
                Lab(id: id, name: id, kind: .calibrationLab, accreditations: accreditations, capabilities: capabilities)
            )
        }
        let itemCount = random.int(3...9)
        for index in 0..<itemCount {
            let kind: ItemKind =
                index == 0
                ? random.pick([.siRealization, .primaryStandard])
                : random.pick([
                    .workingStandard, .workingStandard, .instrument, .referenceStandard, .primaryStandard,
                    .referenceMaterial,
                ])
            let events = (0..<(random.chance(0.35) ? random.int(1...3) : 0)).map { _ in
                StatusEvent(date: day(&random), state: random.pick(ItemState.allCases))
            }
            let uncertainty =
                kind.canAnchor && random.chance(0.5)
                ? [
                    AnchorUncertainty(nominal: kg(random.double(1...4)), expanded: ExpandedUncertainty(mg(0.01), k: 2)),
                    AnchorUncertainty(
                        nominal: kg(random.double(6...10)), expanded: ExpandedUncertainty(mg(0.02), k: 2)),
                ]
                : []
            dataset.items.append(
                Item(
                    id: "I\(index)", name: "item \(index)", kind: kind, quantity: "mass", unit: try! Unit.parse("kg"),
                    lab: random.pick(["L1", "L2"]),
                    tolerance: random.chance(0.4) ? Tolerance(absolute: mg(random.double(0.1...3))) : nil,
                    recognized: kind == .primaryStandard || (kind == .referenceMaterial && random.chance(0.5))
                        ? [Recognition(scheme: "CIPM MRA", window: window(&random))] : [],
                    uncertainty: uncertainty, driftPerYear: random.chance(0.3) ? mg(random.double(0.01...0.5)) : nil,
                    events: events))
        }
        for index in 0..<random.int(4...28) {
            let date = day(&random)
            let activity = random.pick(Activity.allCases)
            let points = (0..<random.int(0...3)).map { _ in
                CalibrationPoint(
                    nominal: kg(random.double(1...10)),
                    expanded: random.chance(0.85)
                        ? (random.chance(0.8)
                            ? ExpandedUncertainty(mg(random.double(0.0005...1.2)), k: 2)
                            : ExpandedUncertainty(
                                mg(random.double(0.0005...1.2)), coverage: 0.95, dof: random.double(2...30)))
                        : nil)
            }
            let references = (0..<random.pick([0, 1, 1, 1, 2, 2, 3])).map { _ in
                Reference(
                    item: "I\(random.int(0...(itemCount - 1)))",
                    usedAt: !points.isEmpty && random.chance(0.4) ? .eachPoint : .value(kg(random.double(0.5...11))))
            }
            let budget =
                random.chance(0.25)
                ? (0..<random.int(1...3)).map { line in
                    BudgetComponent(
                        name: "line \(line)", uncertainty: .standard(mg(random.double(0.001...0.3))),
                        dof: random.chance(0.5) ? random.double(2...40) : nil,
                        sensitivity: .number(random.double(-2...2)))
                }
                : []
            dataset.calibrations.append(
                CalibrationRecord(
                    id: "R\(index)", activity: activity, item: "I\(random.int(0...(itemCount - 1)))",
                    lab: random.pick(["L1", "L2"]), date: date,
                    due: random.chance(0.15) ? nil : date.advanced(by: random.int(0...45)),
                    references: references, points: points, budget: budget,
                    verdict: activity == .verification || random.chance(0.1)
                        ? (random.chance(0.8) ? .pass : .fail) : nil))
        }
        return dataset
    }

    /// The frozen network of a random dataset.
    static func build(_ dataset: Dataset) throws -> Network {
        var builder = NetworkBuilder()
        for lab in dataset.labs { builder.add(lab) }
        for item in dataset.items { builder.add(item) }
        for record in dataset.calibrations { builder.add(record) }
        return try builder.build()
    }

    static func policy(seed: UInt64) -> Policy {
        var random = Random(state: seed ^ 0xA5A5)
        var policy = Policy()
        if random.chance(0.3) { policy.maximumIntervalMonths[.instrument] = 1 }
        if random.chance(0.3) { policy.defaultIntervalMonths[.workingStandard] = 1 }
        if random.chance(0.3) { policy.severities[.suspect] = .error }
        if random.chance(0.2) { policy.severities[.labNotAccredited] = .warning }
        return policy
    }

    @Test("the fast pass equals the recursive reference on 1,200 seeded random networks")
    func equivalence() throws {
        var compared = 0
        var broken = 0
        var cycles = 0
        for seed in UInt64(1)...1200 {
            let dataset = Self.network(seed: seed)
            let policy = Self.policy(seed: seed)
            let network = try Self.build(dataset)
            let fast = TraceabilityAnalysis(network: network, policy: policy, blockSize: Self.blockSize(seed: seed))
            let slow = ReferenceValidity(dataset: dataset, policy: policy)
            cycles += network.recordIndices.filter { network.isInCycle($0) }.count
            var random = Random(state: seed &* 31)
            let days = (0..<4).map { _ in Self.day(&random, within: 60) }
            for item in dataset.items {
                for day in days {
                    let index = network.item(id: item.id)!
                    let status = fast.validity(of: index, at: day).status
                    let findings = Set(
                        fast.findings(of: index, at: day).map {
                            ReferenceValidity.Key(rule: $0.rule.id, record: $0.record, severity: $0.severity)
                        })
                    let (expectedStatus, expectedKeys) = slow.check(item.id, at: day)
                    if status != expectedStatus || findings != Set(expectedKeys) {
                        Issue.record(
                            "seed \(seed), item \(item.id) at \(day): fast \(status) \(findings.sorted()), slow \(expectedStatus) \(Set(expectedKeys).sorted())"
                        )
                        return
                    }
                    compared += 1
                    if status == .broken { broken += 1 }
                }
            }
        }
        // The generator must exercise the interesting cases.
        #expect(compared > 20_000)
        #expect(broken > compared / 10 && broken < compared * 9 / 10)
        #expect(cycles > 100)
    }

    /// Even seeds run the pass in one block; odd seeds in blocks of 1 to 5 records, so
    /// that records and the records they use fall into different blocks.
    /// Whether two items stand at `day` on two distinct records that no other record
    /// uses (``Propagator/leafVector(of:item:at:on:)``).
    static func standsOnLeaf(_ a: String, _ b: String, _ analysis: TraceabilityAnalysis, at day: Day) -> Bool {
        let network = analysis.network
        func leaf(_ id: String) -> RecordIndex? {
            let item = network.item(id: id)!
            guard network.anchorState(item, at: day) != .valid, let record = network.recordInForce(item, at: day),
                analysis.judged.propagation.rowUses[record.int] == 0
            else { return nil }
            return record
        }
        guard let ra = leaf(a), let rb = leaf(b) else { return false }
        return ra != rb
    }

    static func blockSize(seed: UInt64) -> Int {
        seed % 2 == 0 ? RecordPass.blockSize : Int(seed / 2 % 5) + 1
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b)) || abs(a - b) < 1e-30
    }

    @Test("the folded component vectors equal a dense calculation over every component on 600 random networks")
    func denseUncertainty() throws {
        var points = 0
        var covariances = 0
        var leafPairs = 0
        for seed in UInt64(1)...600 {
            let dataset = Self.network(seed: seed)
            let policy = Self.policy(seed: seed)
            let network = try Self.build(dataset)
            let fast = TraceabilityAnalysis(network: network, policy: policy, blockSize: Self.blockSize(seed: seed))
            let dense = DenseUncertainty(
                validity: ReferenceValidity(dataset: dataset, policy: policy), probability: policy.coverageProbability)
            for (r, record) in dataset.calibrations.enumerated() {
                let expected = dense.results(r)
                let found = fast.uncertainty(of: network.record(id: record.id)!)
                for (e, f) in zip(expected, found) {
                    let same =
                        Self.close(e.u, f.u) && Self.close(e.supported, f.supported)
                        && Self.close(e.expanded, f.expanded)
                        && Self.close(e.k, f.k) && e.isStated == f.isStated
                        && (e.dof == nil) == (f.dof == nil) && Self.close(e.dof ?? 0, f.dof ?? 0)
                    if !same {
                        Issue.record("seed \(seed) record \(record.id): dense \(e), fast \(f)")
                        return
                    }
                    points += 1
                }
            }
            var random = Random(state: seed &* 7919)
            for _ in 0..<10 {
                let day = Self.day(&random, within: 60)
                let a = dataset.items[random.int(0...(dataset.items.count - 1))].id
                let b = dataset.items[random.int(0...(dataset.items.count - 1))].id
                let found = fast.covariance(Measurand(network.item(id: a)!), Measurand(network.item(id: b)!), at: day)
                func first(_ id: String) -> Double {
                    if dense.validity.anchorValid(id, day) == true {
                        return dense.validity.items[id]!.uncertainty.first?.nominal.si ?? .nan
                    }
                    return dense.validity.inForce(id, day).flatMap { dataset.calibrations[$0].points.first?.nominal.si }
                        ?? .nan
                }
                let exists = { (id: String) in
                    dense.validity.anchorValid(id, day) == true || dense.validity.inForce(id, day) != nil
                }
                guard exists(a), exists(b) else {
                    #expect(found == nil)
                    continue
                }
                let va = dense.use(a, at: first(a), on: day, by: nil)
                let vb = dense.use(b, at: first(b), on: day, by: nil)
                let expected = va.reduce(0.0) { $0 + $1.value * (vb[$1.key] ?? 0) }
                guard let found,
                    Self.close(expected, found)
                        || abs(expected - found) < 1e-12
                            * (DenseUncertainty.squaredNorm(va) + DenseUncertainty.squaredNorm(vb))
                else {
                    Issue.record(
                        "seed \(seed) cov(\(a), \(b)) at \(day): dense \(expected), fast \(String(describing: found))")
                    return
                }
                // The correlation brings in each result's whole norm, private parts included.
                let (na, nb) = (DenseUncertainty.squaredNorm(va), DenseUncertainty.squaredNorm(vb))
                if na > 0, nb > 0 {
                    let r = fast.correlation(Measurand(network.item(id: a)!), Measurand(network.item(id: b)!), at: day)
                    let expectedR = expected / (na * nb).squareRoot()
                    guard let r, abs(r - expectedR) < 1e-9 else {
                        Issue.record(
                            "seed \(seed) r(\(a), \(b)) at \(day): dense \(expectedR), fast \(String(describing: r))")
                        return
                    }
                }
                covariances += 1
                if Self.standsOnLeaf(a, b, fast, at: day) { leafPairs += 1 }
            }
        }
        #expect(points > 5_000)
        #expect(covariances > 2_000)
        // Pairs of distinct records nothing else uses take the whole-network fast path.
        #expect(leafPairs > 200, "\(leafPairs) pairs took the leaf path")
    }
}
