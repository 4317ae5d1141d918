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

    @Test("messages a metrologist can act on: suspect gives F, G and the record; out-of-scope the capabilities' dates")
    func actionableMessages() throws {
        let network = try DatasetLoader.load(Self.path).network
        let analysis = network.analysis()
        let day = Day(iso: "2026-11-26")!
        func findings(_ id: String) -> [Finding] { analysis.findings(of: network.item(id: id)!, at: day) }
        let suspect = try #require(findings("NMAT-E1-M04").first { $0.rule == .suspect })
        #expect(suspect.message.contains("suspect since 2026-08-20"))
        #expect(suspect.message.contains("its last good calibration was 2026-01-15"))
        #expect(suspect.message.contains("NMAT-V-2026-0004 of 2026-03-09 used it"))
        #expect(suspect.date == Day(iso: "2026-08-20") && suspect.cause == "NMAT-M-WS1")
        let scope = try #require(findings("AUTO-E2-N90").first { $0.rule == .labOutOfScope })
        #expect(
            scope.message.contains("1 N·m … 500 N·m (") && scope.message.contains("→ 2026-03-31)"), "\(scope.message)")
        #expect(scope.message.contains("1 N·m … 1000 N·m (from 2026-04-01)"), "\(scope.message)")
        // One cause, one finding per link: the three points below the CMC are one finding.
        let belowCMC = findings("MED-E1-T03").filter { $0.rule == .belowCMC }
        #expect(belowCMC.count == 1 && belowCMC[0].message.contains("likewise at points 2, 3"))
    }
}
