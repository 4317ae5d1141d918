import Testing

@testable import MetroTrace

/// GUM worked examples and the behaviour of propagation along chains.
@Suite("Uncertainty propagation")
struct UncertaintyTests {
    static func value(_ text: String, _ scale: ValueScale = .interval) -> QuantityValue {
        try! QuantityValue.parse(text, scale: scale)
    }

    static func lab(_ quantity: String, _ lower: String, _ upper: String) -> Lab {
        Lab(
            id: "L", name: "lab", kind: .nmi,
            accreditations: [Accreditation(scheme: "CIPM MRA", window: .always)],
            capabilities: [
                Capability(
                    quantity: quantity, activity: .calibration,
                    range: QuantityRange(value(lower, .absolute), value(upper, .absolute)),
                    window: .always)
            ])
    }

    static func item(
        _ id: String, _ kind: ItemKind, _ quantity: String, _ unit: String,
        uncertainty: [AnchorUncertainty] = [], drift: String? = nil
    ) -> Item {
        Item(
            id: id, name: id, kind: kind, quantity: quantity, unit: try! Unit.parse(unit), lab: "L",
            uncertainty: uncertainty, driftPerYear: drift.map { value($0) })
    }

    static let day = Day(iso: "2025-06-01")!

    @Test("GUM H.1, end gauge: u ≈ 31.7 nm, ν_eff ≈ 16.6, k = t₉₉(16) ≈ 2.921, U ≈ 93 nm")
    func endGauge() throws {
        var builder = NetworkBuilder()
        builder.add(Self.lab("length", "0 mm", "1000 mm"))
        builder.add(Self.item("SI-m", .siRealization, "length", "mm"))
        builder.add(Self.item("REF", .referenceStandard, "length", "mm"))
        builder.add(Self.item("X", .workingStandard, "length", "mm"))
        builder.add(
            CalibrationRecord(
                id: "REF-cert", activity: .calibration, item: "REF", lab: "L", date: Day(iso: "2025-01-10")!,
                due: Day(iso: "2026-01-09")!, references: [Reference(item: "SI-m", at: Self.value("50 mm", .absolute))],
                points: [
                    CalibrationPoint(
                        nominal: Self.value("50 mm", .absolute),
                        expanded: ExpandedUncertainty(Self.value("75 nm"), k: 3, dof: 18))
                ]))
        builder.add(
            CalibrationRecord(
                id: "H1", activity: .calibration, item: "X", lab: "L", date: Day(iso: "2025-05-01")!,
                due: Day(iso: "2026-04-30")!, references: [Reference(item: "REF", at: Self.value("50 mm", .absolute))],
                points: [CalibrationPoint(nominal: Self.value("50 mm", .absolute))],
                budget: [
                    BudgetComponent(
                        name: "d0 repeatability", uncertainty: .standard(Self.value("5.8 nm")), dof: 24, type: .A),
                    BudgetComponent(
                        name: "d1 random comparator effects", uncertainty: .standard(Self.value("3.9 nm")), dof: 5,
                        type: .A),
                    BudgetComponent(
                        name: "d2 systematic comparator effects", uncertainty: .standard(Self.value("6.7 nm")), dof: 8,
                        type: .B),
                    BudgetComponent(
                        name: "δα", uncertainty: .standard(Self.value("0.58e-6 /K")), dof: 50, type: .B,
                        sensitivity: Self.value("0.005 m·K")),
                    BudgetComponent(
                        name: "δθ", uncertainty: .standard(Self.value("0.029 K")), dof: 2, type: .B,
                        sensitivity: Self.value("-575 nm/K")),
                ]))
        let network = try builder.build()
        var policy = Policy()
        policy.coverageProbability = 0.99
        let analysis = network.analysis(policy: policy)
        let result = try #require(analysis.uncertainty(of: network.item(id: "X")!, at: Self.day).first)
        #expect(abs(result.u - 31.7e-9) < 0.05e-9, "u = \(result.u)")
        let dof = try #require(result.dof)
        #expect(abs(dof - 16.6) < 0.05, "ν_eff = \(dof)")
        #expect(abs(result.k - 2.921) < 0.001, "k = \(result.k)")
        #expect(result.expanded >= 92e-9 && result.expanded <= 94e-9, "U = \(result.expanded)")
        #expect(!result.isStated)
        #expect(result.text(unit: network.unit(of: network.item(id: "X")!)) == "U = 93 nm (k = 2.921, p = 99 %)")
    }

    @Test("GUM G.4.1: u ≈ 1.03 %, ν_eff ≈ 19 (18.9987 truncates to 18), U(95 %) ≈ 2.2 %")
    func welchSatterthwaite() throws {
        var builder = NetworkBuilder()
        builder.add(Self.lab("ratio", "0", "10"))
        builder.add(Self.item("SI-one", .siRealization, "ratio", "1"))
        builder.add(Self.item("P", .workingStandard, "ratio", "1"))
        builder.add(
            CalibrationRecord(
                id: "G41", activity: .calibration, item: "P", lab: "L", date: Day(iso: "2025-05-01")!,
                due: Day(iso: "2026-04-30")!, references: [Reference(item: "SI-one", at: .number(1))],
                points: [CalibrationPoint(nominal: .number(1))],
                budget: [
                    BudgetComponent(name: "V", uncertainty: .standard(Self.value("0.25 %")), dof: 9),
                    BudgetComponent(name: "R0", uncertainty: .standard(Self.value("0.57 %")), dof: 4),
                    BudgetComponent(name: "α", uncertainty: .standard(Self.value("0.82 %")), dof: 14),
                ]))
        let network = try builder.build()
        var policy = Policy()
        policy.coverageProbability = 0.95
        let result = try #require(network.uncertainty(of: network.item(id: "P")!, at: Self.day, policy: policy).first)
        #expect(abs(result.u - 0.010295) < 0.000005)
        let dof = try #require(result.dof)
        #expect(abs(dof - 18.9987) < 0.0005, "ν_eff = \(dof)")
        #expect(result.k == StudentT.coverageFactor(probability: 0.95, dof: 18))
        #expect(abs(result.expanded - 0.0216) < 0.0001, "U = \(result.expanded)")
    }

    /// P (u = 20 mg); A and B each calibrated against P with their own u = 1 mg.
    static func sharedStandard(statedUncertainty: Bool) throws -> Network {
        var builder = NetworkBuilder()
        builder.add(Self.lab("mass", "0 kg", "10 kg"))
        builder.add(
            Self.item(
                "P", .siRealization, "mass", "kg",
                uncertainty: [
                    AnchorUncertainty(
                        nominal: Self.value("1 kg", .absolute), expanded: ExpandedUncertainty(Self.value("40 mg"), k: 2)
                    )
                ]))
        for id in ["A", "B"] {
            builder.add(Self.item(id, .workingStandard, "mass", "kg"))
            builder.add(
                CalibrationRecord(
                    id: "R-\(id)", activity: .calibration, item: id, lab: "L", date: Day(iso: "2025-03-01")!,
                    due: Day(iso: "2026-02-28")!, references: [Reference(item: "P", at: Self.value("1 kg", .absolute))],
                    points: [
                        CalibrationPoint(
                            nominal: Self.value("1 kg", .absolute),
                            expanded: statedUncertainty
                                ? ExpandedUncertainty(Self.value("\(2 * 401.0.squareRoot()) mg"), k: 2) : nil)
                    ],
                    budget: statedUncertainty
                        ? [] : [BudgetComponent(name: "own", uncertainty: .standard(Self.value("1 mg")))]))
        }
        return try builder.build()
    }

    @Test(
        "two weights calibrated against one standard are correlated: u(A − B) = √2 mg, not 28.3 mg",
        arguments: [false, true])
    func sharedStandard(statedUncertainty: Bool) throws {
        let network = try Self.sharedStandard(statedUncertainty: statedUncertainty)
        let (a, b) = (Measurand(network.item(id: "A")!), Measurand(network.item(id: "B")!))
        let analysis = network.analysis()
        let uA = try #require(analysis.standardUncertainty(a, at: Self.day))
        let uB = try #require(analysis.standardUncertainty(b, at: Self.day))
        #expect(abs(uA - 20.025e-6) < 0.001e-6)
        #expect(abs(uB - uA) < 1e-15)
        let covariance = try #require(network.covariance(a, b, at: Self.day))
        #expect(abs(covariance - 400e-12) < 1e-20)
        let correlation = try #require(network.correlation(a, b, at: Self.day))
        #expect(abs(correlation - 400.0 / 401.0) < 1e-12)
        let difference = (uA * uA + uB * uB - 2 * covariance).squareRoot()
        #expect(abs(difference - 2.0.squareRoot() * 1e-6) < 1e-12)
        #expect(
            try #require(network.correlation(a, a, at: Self.day)) == 1
                || abs(network.correlation(a, a, at: Self.day)! - 1) < 1e-12)
    }

    @Test("a chain of 10,000 links propagates in linear time: u grows as √n")
    func longChain() throws {
        var builder = NetworkBuilder()
        builder.add(Self.lab("mass", "0 kg", "10 kg"))
        builder.add(
            Self.item(
                "X0", .siRealization, "mass", "kg",
                uncertainty: [
                    AnchorUncertainty(
                        nominal: Self.value("1 kg", .absolute), expanded: ExpandedUncertainty(Self.value("2 µg"), k: 2))
                ]))
        let links = 10_000
        let start = Day(iso: "2000-01-01")!
        for i in 1...links {
            builder.add(Self.item("X\(i)", .workingStandard, "mass", "kg"))
            let date = start.advanced(by: i)
            builder.add(
                CalibrationRecord(
                    id: "R\(i)", activity: .calibration, item: "X\(i)", lab: "L", date: date, due: date.advanced(by: 1),
                    references: [Reference(item: "X\(i - 1)", at: Self.value("1 kg", .absolute))],
                    points: [CalibrationPoint(nominal: Self.value("1 kg", .absolute))],
                    budget: [BudgetComponent(name: "own", uncertainty: .standard(Self.value("1 µg")), dof: 10)]))
        }
        let network = try builder.build()
        let end = start.advanced(by: links)
        let last = try #require(network.uncertainty(of: network.item(id: "X\(links)")!, at: end).first)
        #expect(abs(last.u - Double(links + 1).squareRoot() * 1e-9) < 1e-18)
        // Welch–Satterthwaite over 10,000 components of 10 dof and one of infinite dof.
        #expect(abs(last.dof! - Double((links + 1) * (links + 1)) * 10 / Double(links)) < 1e-6 * last.dof!)
        // The middle and the end share the anchor and the first 5,000 links.
        let covariance = try #require(
            network.covariance(
                Measurand(network.item(id: "X5000")!), Measurand(network.item(id: "X\(links)")!), at: end))
        #expect(abs(covariance - 5001e-18) < 1e-24)
    }

    @Test("a certificate claiming better than its references carry is flagged; a residual fills the rest")
    func belowChain() throws {
        var f = Fixture()
        f.builder.add(
            Item(
                id: "P", name: "P", kind: .primaryStandard, quantity: "mass", unit: try Unit.parse("kg"),
                lab: "NMI", recognized: [Recognition(scheme: "CIPM MRA", window: .always)],
                uncertainty: [
                    AnchorUncertainty(nominal: Fixture.kg(1), expanded: ExpandedUncertainty(Fixture.mg(0.2), k: 2))
                ]))
        f.item("A")
        f.item("B")
        f.record("RA", item: "A", date: "2025-01-10", references: ["P"], points: [(1, 0.19)])
        f.record("RB", item: "B", date: "2025-01-10", references: ["P"], points: [(1, 0.25)])
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-02-01") == (.broken, ["record.below-chain"]))
        #expect(analysis.check("B", at: "2025-02-01") == (.valid, []))
        let b = try #require(
            analysis.uncertainty(of: analysis.network.item(id: "B")!, at: Fixture.day("2025-02-01")).first)
        #expect(b.isStated && b.expanded == 0.25e-6 && b.k == 2)
        #expect(abs(b.supported - 0.1e-6) < 1e-15)
    }

    @Test("with a budget, a stated U more than 0.5 % below k·u is flagged")
    func belowBudget() throws {
        func network(stated: Double) throws -> TraceabilityAnalysis {
            var f = Fixture()
            f.item("A")
            f.builder.add(
                CalibrationRecord(
                    id: "R", activity: .calibration, item: "A", lab: "LAB", date: Fixture.day("2025-01-10"),
                    due: Fixture.day("2026-01-09"), references: [Reference(item: "SI", at: Fixture.kg(1))],
                    points: [
                        CalibrationPoint(
                            nominal: Fixture.kg(1), expanded: ExpandedUncertainty(Fixture.mg(stated), k: 2))
                    ],
                    budget: [
                        BudgetComponent(name: "repeatability", uncertainty: .standard(Fixture.mg(0.3))),
                        BudgetComponent(
                            name: "buoyancy", uncertainty: .halfWidth(Fixture.mg(0.4 * 3.0.squareRoot()), .rectangular)),
                    ]))
            return try f.analysis()
        }
        // k·u = 2 × √(0.3² + 0.4²) = 1.0 mg
        #expect(try network(stated: 0.996).check("A", at: "2025-02-01") == (.valid, []))
        #expect(try network(stated: 0.994).check("A", at: "2025-02-01") == (.broken, ["record.below-chain"]))
        // The message keeps enough digits to show the difference: 0.994 mg against 1.0 mg.
        let analysis = try network(stated: 0.994)
        let finding = try #require(
            analysis.findings(of: analysis.network.item(id: "A")!, at: Fixture.day("2025-02-01")).first {
                $0.rule == .belowChainUncertainty
            })
        #expect(finding.message.contains("stated U = 994.0 µg is below the 1.000 mg"), "\(finding.message)")
    }

    @Test(
        "half-widths convert by their distribution",
        arguments: [
            (Distribution.rectangular, 3.0.squareRoot()), (.triangular, 6.0.squareRoot()),
            (.uShaped, 2.0.squareRoot()), (.arcsine, 2.0.squareRoot()),
        ])
    func halfWidth(_ distribution: Distribution, _ divisor: Double) {
        let line = BudgetComponent(name: "x", uncertainty: .halfWidth(Fixture.mg(1), distribution))
        #expect(abs(line.standardUncertainty - 1e-6 / divisor) < 1e-18)
    }

    @Test("a stated coverage without k converts with t at the point's dof")
    func coverageWithoutK() throws {
        var f = Fixture()
        f.item("A")
        f.builder.add(
            CalibrationRecord(
                id: "R", activity: .calibration, item: "A", lab: "LAB", date: Fixture.day("2025-01-10"),
                due: Fixture.day("2026-01-09"), references: [Reference(item: "SI", at: Fixture.kg(1))],
                points: [
                    CalibrationPoint(
                        nominal: Fixture.kg(1),
                        expanded: ExpandedUncertainty(Fixture.mg(1), coverage: 0.95, dof: 10))
                ]))
        let analysis = try f.analysis()
        let result = try #require(
            analysis.uncertainty(of: analysis.network.item(id: "A")!, at: Fixture.day("2025-02-01")).first)
        #expect(abs(result.k - 2.2281) < 0.0001)
        #expect(abs(result.u - 1e-6 / result.k) < 1e-18)
        #expect(result.coverage == 0.95 && result.dof == 10)
    }

    @Test("drift since the reference's record adds rate·Δt/√3, shared by its children")
    func drift() throws {
        var builder = NetworkBuilder()
        builder.add(Self.lab("mass", "0 kg", "10 kg"))
        builder.add(Self.item("SI", .siRealization, "mass", "kg"))
        builder.add(Self.item("S", .workingStandard, "mass", "kg", drift: "0.3 mg"))
        builder.add(
            CalibrationRecord(
                id: "RS", activity: .calibration, item: "S", lab: "L", date: Day(iso: "2024-01-01")!,
                due: Day(iso: "2030-01-01")!, references: [Reference(item: "SI", at: Self.value("1 kg", .absolute))],
                points: [CalibrationPoint(nominal: Self.value("1 kg", .absolute))]))
        for (id, date) in [("A", "2024-01-01"), ("B", "2025-01-01")] {
            builder.add(Self.item(id, .workingStandard, "mass", "kg"))
            builder.add(
                CalibrationRecord(
                    id: "R\(id)", activity: .calibration, item: id, lab: "L", date: Day(iso: date)!,
                    due: Day(iso: "2030-01-01")!, references: [Reference(item: "S", at: Self.value("1 kg", .absolute))],
                    points: [CalibrationPoint(nominal: Self.value("1 kg", .absolute))]))
        }
        let network = try builder.build()
        let day = Day(iso: "2026-01-01")!
        let a = try #require(network.uncertainty(of: network.item(id: "A")!, at: day).first)
        let b = try #require(network.uncertainty(of: network.item(id: "B")!, at: day).first)
        #expect(a.u == 0)
        let years = 366.0 / 365.25
        #expect(abs(b.u - 0.3e-6 * years / 3.0.squareRoot()) < 1e-18)
        // Both share S's drift component, used after 0 and 1 year.
        let correlation = network.correlation(
            Measurand(network.item(id: "A")!), Measurand(network.item(id: "B")!), at: day)
        #expect(correlation == nil)
    }
}
