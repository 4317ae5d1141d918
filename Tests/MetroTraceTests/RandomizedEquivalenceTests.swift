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
            let accreditations = (0..<random.int(0...2)).map { _ in
                Accreditation(scheme: "CNAS", window: window(&random))
            } + (id == "L1" ? [Accreditation(scheme: "CNAS", window: .always)] : [])
            let capabilities = (0..<random.int(1...3)).map { _ in
                Capability(
                    quantity: "mass", activity: random.pick(Activity.allCases),
                    range: QuantityRange(kg(random.double(0...3)), kg(random.double(5...12))),
                    cmc: random.chance(0.6) ? CMC(absolute: mg(random.double(0.001...0.3)), relative: random.chance(0.3) ? 1e-8 : 0) : nil,
                    window: random.chance(0.7) ? .always : window(&random))
            }
            dataset.labs.append(Lab(id: id, name: id, kind: .calibrationLab, accreditations: accreditations, capabilities: capabilities))
        }
        let itemCount = random.int(3...9)
        for index in 0..<itemCount {
            let kind: ItemKind = index == 0
                ? random.pick([.siRealization, .primaryStandard])
                : random.pick([.workingStandard, .workingStandard, .instrument, .referenceStandard, .primaryStandard, .referenceMaterial])
            let events = (0..<(random.chance(0.35) ? random.int(1...3) : 0)).map { _ in
                StatusEvent(date: day(&random), state: random.pick(ItemState.allCases))
            }
            let uncertainty = kind.canAnchor && random.chance(0.5)
                ? [AnchorUncertainty(nominal: kg(random.double(1...4)), expanded: ExpandedUncertainty(mg(0.01), k: 2)),
                   AnchorUncertainty(nominal: kg(random.double(6...10)), expanded: ExpandedUncertainty(mg(0.02), k: 2))]
                : []
            dataset.items.append(Item(
                id: "I\(index)", name: "item \(index)", kind: kind, quantity: "mass", unit: try! Unit.parse("kg"),
                lab: random.pick(["L1", "L2"]),
                tolerance: random.chance(0.4) ? Tolerance(absolute: mg(random.double(0.1...3))) : nil,
                recognized: kind == .primaryStandard || (kind == .referenceMaterial && random.chance(0.5))
                    ? [Recognition(scheme: "CIPM MRA", window: window(&random))] : [],
                uncertainty: uncertainty, events: events))
        }
        for index in 0..<random.int(4...28) {
            let date = day(&random)
            let activity = random.pick(Activity.allCases)
            let references = (0..<random.pick([0, 1, 1, 1, 2, 2, 3])).map { _ in
                Reference(item: "I\(random.int(0...(itemCount - 1)))", at: kg(random.double(0.5...11)))
            }
            let points = (0..<random.int(0...2)).map { _ in
                CalibrationPoint(
                    nominal: kg(random.double(1...10)),
                    expanded: random.chance(0.85)
                        ? (random.chance(0.8)
                            ? ExpandedUncertainty(mg(random.double(0.0005...1.2)), k: 2)
                            : ExpandedUncertainty(mg(random.double(0.0005...1.2)), coverage: 0.95, dof: random.double(2...30)))
                        : nil)
            }
            dataset.calibrations.append(CalibrationRecord(
                id: "R\(index)", activity: activity, item: "I\(random.int(0...(itemCount - 1)))",
                lab: random.pick(["L1", "L2"]), date: date,
                due: random.chance(0.15) ? nil : date.advanced(by: random.int(0...45)),
                references: references, points: points,
                verdict: activity == .verification || random.chance(0.1) ? (random.chance(0.8) ? .pass : .fail) : nil))
        }
        return dataset
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
            var builder = NetworkBuilder()
            for lab in dataset.labs { builder.add(lab) }
            for item in dataset.items { builder.add(item) }
            for record in dataset.calibrations { builder.add(record) }
            let network = try builder.build()
            let fast = TraceabilityAnalysis(network: network, policy: policy)
            let slow = ReferenceValidity(dataset: dataset, policy: policy)
            cycles += network.recordIndices.filter { network.isInCycle($0) }.count
            var random = Random(state: seed &* 31)
            let days = (0..<4).map { _ in Self.day(&random, within: 60) }
            for item in dataset.items {
                for day in days {
                    let index = network.item(id: item.id)!
                    let status = fast.validity(of: index, at: day).status
                    let findings = Set(fast.findings(of: index, at: day).map {
                        ReferenceValidity.Key(rule: $0.rule.id, record: $0.record, severity: $0.severity)
                    })
                    let (expectedStatus, expectedKeys) = slow.check(item.id, at: day)
                    if status != expectedStatus || findings != Set(expectedKeys) {
                        Issue.record("seed \(seed), item \(item.id) at \(day): fast \(status) \(findings.sorted()), slow \(expectedStatus) \(Set(expectedKeys).sorted())")
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
}
