import Testing

@testable import MetroTrace

/// The uncertainty budget of a point: what each input contributes, and how the
/// contributions combine with their correlations to the propagated u.
@Suite("Uncertainty budgets")
struct BudgetTests {
    static func value(_ text: String, _ scale: ValueScale = .interval) -> QuantityValue {
        UncertaintyTests.value(text, scale)
    }

    /// EA-4/02 M:2022 S2 (and EA-4/02:1999), a 10 kg weight of class M1 against an F2
    /// reference standard: m_X = m_S + δm_D + δm + δm_C + δB. The certificate of the
    /// standard gives U = 45 mg (k = 2); its drift since is 8.95 mg, the published
    /// table's value (limits of ±15.5 mg, rectangular: here a drift rate of 3.875 mg a
    /// year, four years of 365.25 days later; the text's "±15 mg" would give 8.66 mg); the comparator's pooled standard
    /// deviation 25 mg over three comparisons; eccentricity and buoyancy within ±10 mg.
    static func weightCalibration() throws -> Network {
        var builder = NetworkBuilder()
        builder.add(UncertaintyTests.lab("mass", "0 kg", "50 kg"))
        builder.add(
            UncertaintyTests.item(
                "SI-kg", .siRealization, "mass", "kg",
                uncertainty: [
                    AnchorUncertainty(
                        nominal: Self.value("10 kg", .absolute), expanded: ExpandedUncertainty(Self.value("1 mg"), k: 2)
                    )
                ]))
        builder.add(UncertaintyTests.item("F2-10kg", .referenceStandard, "mass", "kg", drift: "3.875 mg"))
        builder.add(UncertaintyTests.item("M1-10kg", .workingStandard, "mass", "kg"))
        builder.add(
            CalibrationRecord(
                id: "S-cert", activity: .calibration, item: "F2-10kg", lab: "L", date: Day(iso: "2020-05-01")!,
                due: Day(iso: "2030-04-30")!,
                references: [Reference(item: "SI-kg", at: Self.value("10 kg", .absolute))],
                points: [
                    CalibrationPoint(
                        nominal: Self.value("10 kg", .absolute), value: Self.value("10000.005 g", .absolute),
                        expanded: ExpandedUncertainty(Self.value("45 mg"), k: 2))
                ]))
        builder.add(
            CalibrationRecord(
                id: "S2", activity: .calibration, item: "M1-10kg", lab: "L",
                date: Day(iso: "2020-05-01")!.advanced(by: 4 * 365 + 1), due: Day(iso: "2026-04-30")!,
                references: [Reference(item: "F2-10kg", at: Self.value("10 kg", .absolute))],
                points: [CalibrationPoint(nominal: Self.value("10 kg", .absolute))],
                budget: [
                    BudgetComponent(
                        name: "δm comparison", uncertainty: .standard(Self.value("\(25 / 3.0.squareRoot()) mg")),
                        type: .A),
                    BudgetComponent(
                        name: "δm_C eccentricity and magnetism",
                        uncertainty: .halfWidth(Self.value("10 mg"), .rectangular), type: .B),
                    BudgetComponent(
                        name: "δB air buoyancy", uncertainty: .halfWidth(Self.value("10 mg"), .rectangular), type: .B),
                ]))
        return try builder.build()
    }

    @Test("EA-4/02 S2: reference 22.5 mg, drift 8.95 mg, comparator 14.4 mg, 5.77 mg twice; u = 29.3 mg, U = 59 mg")
    func weightOfTenKilograms() throws {
        let network = try Self.weightCalibration()
        let analysis = network.analysis()
        let budget = try #require(analysis.budget(of: network.record(id: "S2")!).first)
        let byName = Dictionary(uniqueKeysWithValues: budget.contributions.map { ($0.name, $0) })
        func mg(_ name: String) throws -> Double { try #require(byName[name]).contribution * 1e6 }
        #expect(abs(try mg("F2-10kg") - 22.5) < 0.005)
        #expect(abs(try mg("drift of F2-10kg") - 8.95) < 0.005)
        #expect(abs(try mg("δm comparison") - 14.43) < 0.005)
        #expect(abs(try mg("δm_C eccentricity and magnetism") - 5.77) < 0.005)
        #expect(abs(try mg("δB air buoyancy") - 5.77) < 0.005)
        #expect(byName["F2-10kg"]?.origin == .reference && byName["F2-10kg"]?.record == network.record(id: "S-cert"))
        #expect(byName["drift of F2-10kg"]?.origin == .drift)
        #expect(byName["δm comparison"]?.type == .A && byName["δB air buoyancy"]?.type == .B)
        // The published combined u and U, and the reference as the dominant input.
        #expect(abs(budget.combined * 1e6 - 29.3) < 0.05)
        #expect(abs(budget.result.expanded * 1e6 - 59) < 0.5 && budget.result.k == 2)
        #expect(abs(budget.result.u - budget.combined) < 1e-15)
        #expect(budget.contributions[try #require(budget.dominant)].name == "F2-10kg")
        // Uncorrelated: each share is (cᵢuᵢ)²/u², 22.5²/29.33² = 58.8 % for the standard.
        #expect(budget.correlations.isEmpty)
        #expect(abs(try #require(byName["F2-10kg"]).share - 0.5885) < 0.001)
        #expect(abs(budget.contributions.map(\.share).reduce(0, +) - 1) < 1e-12)
    }

    @Test("a reference read between two of its points says so; one beyond them is clamped")
    func readings() throws {
        var builder = NetworkBuilder()
        builder.add(UncertaintyTests.lab("voltage", "0 V", "20 V"))
        builder.add(
            UncertaintyTests.item(
                "SI-V", .siRealization, "voltage", "V",
                uncertainty: [
                    AnchorUncertainty(
                        nominal: Self.value("1 V", .absolute), expanded: ExpandedUncertainty(Self.value("1 µV"), k: 2)),
                    AnchorUncertainty(
                        nominal: Self.value("10 V", .absolute), expanded: ExpandedUncertainty(Self.value("5 µV"), k: 2)),
                ]))
        builder.add(UncertaintyTests.item("DVM", .workingStandard, "voltage", "V"))
        for (id, at) in [("R-between", "4 V"), ("R-beyond", "15 V"), ("R-at", "10 V")] {
            builder.add(
                CalibrationRecord(
                    id: id, activity: .calibration, item: "DVM", lab: "L", date: Day(iso: "2025-01-01")!,
                    due: Day(iso: "2026-01-01")!, references: [Reference(item: "SI-V", at: Self.value(at, .absolute))],
                    points: [CalibrationPoint(nominal: Self.value(at, .absolute))]))
        }
        let network = try builder.build()
        let analysis = network.analysis()
        func reading(_ id: String) throws -> BudgetContribution {
            try #require(analysis.budget(of: network.record(id: id)!).first?.contributions.first)
        }
        #expect(try reading("R-between").reading == .interpolated(lower: 1, upper: 10))
        #expect(try reading("R-between").origin == .anchor)
        #expect(abs(try reading("R-between").u - (0.5e-6 + 3.0 / 9.0 * 2e-6)) < 1e-15)
        #expect(try reading("R-beyond").reading == .clamped(to: 10))
        #expect(try reading("R-at").reading == nil)
    }

    @Test("on 600 random networks the contributions with their correlations combine to the propagated u")
    func combinesToPropagatedUncertainty() throws {
        var points = 0
        var correlated = 0
        for seed in UInt64(1)...600 {
            let dataset = RandomizedEquivalenceTests.network(seed: seed)
            let network = try RandomizedEquivalenceTests.build(dataset)
            let analysis = TraceabilityAnalysis(network: network, policy: RandomizedEquivalenceTests.policy(seed: seed))
            for record in network.recordIndices {
                let results = analysis.uncertainty(of: record)
                let budgets = analysis.budget(of: record)
                #expect(budgets.count == results.count)
                let hasBudget = !network.budgetRows(of: record).isEmpty
                for (budget, result) in zip(budgets, results) {
                    // From the printed values alone: Σᵢ Σⱼ r(i, j)·cᵢuᵢ·cⱼuⱼ.
                    var variance = budget.contributions.reduce(0) { $0 + $1.contribution * $1.contribution }
                    for pair in budget.correlations {
                        variance +=
                            2 * pair.coefficient * budget.contributions[pair.first].contribution
                            * budget.contributions[pair.second].contribution
                    }
                    correlated += budget.correlations.isEmpty ? 0 : 1
                    // What the whole-network propagation found, computed apart.
                    let expected =
                        result.isStated ? (hasBudget ? result.supported : max(result.u, result.supported)) : result.u
                    let combined = variance.squareRoot()
                    guard abs(combined - expected) <= 1e-12 * max(expected, 1e-9),
                        abs(budget.combined - expected) <= 1e-12 * max(expected, 1e-9)
                    else {
                        Issue.record(
                            "seed \(seed) record \(network.id(of: record)): budget \(combined), propagated \(expected)")
                        return
                    }
                    if combined > 0 {
                        #expect(abs(budget.contributions.map(\.share).reduce(0, +) - 1) < 1e-9)
                        #expect(budget.contributions.filter(\.isDominant).count == 1)
                    }
                    points += 1
                }
            }
        }
        #expect(points > 3_000)
        #expect(correlated > 50, "too few budgets with correlated inputs to test them")
    }
}
