import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// The Jiangxi network yields exactly the findings `data/README.md` documents for it.
@Suite("Jiangxi network")
struct JiangxiNetworkTests {
    static let path = SampleNetworkTests.root.appendingPathComponent("data/jiangxi").path

    @Test("its shape: seven industry centres, at least 300 instruments and 60 standards")
    func shape() throws {
        let (dataset, warnings) = try DatasetLoader.readDataset(Self.path)
        #expect(warnings.warningCount == 0)
        #expect(dataset.labs.filter { $0.kind == .industryCentre }.count == 7)
        #expect(dataset.items.filter { $0.kind == .instrument }.count >= 300)
        #expect(dataset.items.filter { $0.kind != .instrument }.count >= 60)
        let years = Set(dataset.calibrations.map { $0.date.components.year })
        #expect(years.isSuperset(of: [2024, 2025, 2026]))
        // Every record names a JJG or JJF procedure.
        #expect(
            dataset.calibrations.allSatisfy {
                ($0.procedure ?? "").hasPrefix("JJG") || ($0.procedure ?? "").hasPrefix("JJF")
            })
    }

    @Test("check at 2026-11-26 reports exactly the documented problems")
    func documented() throws {
        let loaded = try DatasetLoader.load(Self.path)
        let expected = try SampleNetworkTests.documentedFindings("expected-findings jiangxi")
        #expect(expected.count == 14)
        let report = CheckReport(analysis: TraceabilityAnalysis(network: loaded.network), at: Day(iso: "2026-11-26")!)
        for entry in report.entries {
            let id = loaded.network.id(of: entry.validity.item)
            let found = SampleNetworkTests.Expected(
                status: entry.validity.status, rules: Set(entry.findings.map(\.rule.id)))
            #expect(found == (expected[id] ?? SampleNetworkTests.Expected(status: .valid, rules: [])), "\(id)")
        }
        #expect(report.summaryLine == "462 items: 448 valid, 6 with warnings, 8 broken")
    }

    @Test("the approved scope change: the same centre, the same wrench size, in and out of scope by date")
    func scopeChange() throws {
        let analysis = TraceabilityAnalysis(network: try DatasetLoader.load(Self.path).network)
        #expect(analysis.check("AUTO-E2-N90", at: "2026-11-26") == (.broken, ["lab.out-of-scope"]))
        #expect(analysis.check("AUTO-E2-N91", at: "2026-11-26") == (.valid, []))
        // Before the standard was found out of tolerance, its balances were not suspect.
        #expect(analysis.check("NMAT-E1-M04", at: "2026-08-19") == (.valid, []))
    }
}
