import MetroTrace
import Testing

/// The example of the documentation's "Getting started" article
/// (`Sources/MetroTrace/MetroTrace.docc/GettingStarted.md`), as written there, so that the
/// article cannot go stale.
@Suite("Getting started (DocC article)")
struct GettingStartedTests {
    @Test("the article's network builds and its reference standard is valid, with U = 60 µg")
    func example() throws {
        var builder = NetworkBuilder()
        let since = DateWindow(from: Day(iso: "2000-01-01"))
        builder.add(
            Lab(
                id: "NIM", name: "中国计量科学研究院", kind: .nmi,
                accreditations: [Accreditation(scheme: "CIPM MRA", window: since)],
                capabilities: [
                    Capability(
                        quantity: "mass", activity: .calibration,
                        range: QuantityRange(
                            try QuantityValue.parse("1 mg", scale: .absolute),
                            try QuantityValue.parse("50 kg", scale: .absolute)),
                        cmc: CMC(absolute: try QuantityValue.parse("0.005 mg", scale: .interval)), window: since)
                ]))
        let kg = try Unit.parse("kg")
        builder.add(Item(id: "SI-KG", name: "kilogram", kind: .siRealization, quantity: "mass", unit: kg, lab: "NIM"))
        builder.add(Item(id: "E1", name: "E1 1 kg", kind: .referenceStandard, quantity: "mass", unit: kg, lab: "NIM"))
        builder.add(
            CalibrationRecord(
                id: "NIM-2025-1", activity: .calibration, item: "E1", lab: "NIM",
                date: Day(iso: "2025-03-01")!, due: Day(iso: "2026-02-28"),
                references: [Reference(item: "SI-KG", at: try QuantityValue.parse("1 kg", scale: .absolute))],
                points: [
                    CalibrationPoint(
                        nominal: try QuantityValue.parse("1 kg", scale: .absolute),
                        expanded: ExpandedUncertainty(try QuantityValue.parse("0.06 mg", scale: .interval), k: 2))
                ]))
        let network = try builder.build()

        let analysis = network.analysis()
        let day = Day(iso: "2025-12-01")!
        let item = network.item(id: "E1")!
        let validity = analysis.validity(of: item, at: day)
        let chain = analysis.chain(of: item, at: day)
        let points = analysis.uncertainty(of: validity)
        #expect(validity.record.map { network.id(of: $0) } == "NIM-2025-1")
        #expect(validity.due == Day(iso: "2026-02-28"))
        #expect(chain.links.count == 1)
        #expect(points.count == 1 && abs(points[0].expanded - 0.06e-6) < 1e-15)
        #expect(validity.status == .valid)
        #expect(chain.findings.isEmpty, "\(chain.findings.map(\.description))")
    }
}
