import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// The sample network yields exactly the findings `data/README.md` documents.
@Suite("Sample network")
struct SampleNetworkTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let sample = root.appendingPathComponent("data/sample").path

    struct Expected: Equatable {
        var status: Status
        var rules: Set<String>
    }

    /// An expected-findings table of `data/README.md` (`expected-findings` for the
    /// sample, `expected-findings jiangxi` for the Jiangxi network), by item.
    static func documentedFindings(_ marker: String = "expected-findings") throws -> [String: Expected] {
        let readme = try String(contentsOf: root.appendingPathComponent("data/README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- \(marker): begin -->"))
        let end = try #require(readme.range(of: "<!-- \(marker): end -->"))
        var expected: [String: Expected] = [:]
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, let status = Status(rawValue: cells[2]) else { continue }
            let rules = Set(cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            expected[cells[1]] = Expected(status: status, rules: rules)
        }
        return expected
    }

    @Test("check at 2026-11-26 reports exactly the documented findings")
    func documented() throws {
        let loaded = try DatasetLoader.load(Self.sample)
        #expect(loaded.warnings.warningCount == 0, "\(loaded.warnings.warnings)")
        let expected = try Self.documentedFindings()
        #expect(expected.count == 17)
        let report = CheckReport(analysis: TraceabilityAnalysis(network: loaded.network), at: Day(iso: "2026-11-26")!)
        let network = loaded.network
        for entry in report.entries {
            let id = network.id(of: entry.validity.item)
            let found = Expected(status: entry.validity.status, rules: Set(entry.findings.map(\.rule.id)))
            #expect(found == (expected[id] ?? Expected(status: .valid, rules: [])), "\(id)")
        }
        #expect(report.summaryLine == "47 items: 30 valid, 6 with warnings, 11 broken")
        #expect(report.hasErrors)
    }

    @Test("the sample travels in time: before the out-of-tolerance finding nothing is suspect")
    func timeTravel() throws {
        let analysis = TraceabilityAnalysis(network: try DatasetLoader.load(Self.sample).network)
        #expect(analysis.check("NAP-TW-01", at: "2026-09-01") == (.valid, []))
        #expect(analysis.check("NAP-TW-07", at: "2026-09-01") == (.valid, []))
        #expect(analysis.check("NAP-MIC-02", at: "2026-12-10") == (.valid, []))
        #expect(analysis.check("AUTO-TWC", at: "2026-09-20") == (.broken, ["item.out-of-service"]))
    }

    @Test("a folder is read in path order and merged; the first document names the dataset")
    func folder() throws {
        let loaded = try DatasetLoader.load(Self.sample)
        #expect(
            loaded.files.map { ($0 as NSString).lastPathComponent }
                == [
                    "01-labs.json", "02-mass.json", "03-temperature.json", "04-pressure.json", "05-torque.json",
                    "06-length.json",
                ])
        #expect(loaded.network.name == "MetroTrace sample network (Jiangxi, hand-built)")
        #expect(loaded.network.itemCount == 47)
        #expect(loaded.network.labCount == 7)
    }

    @Test("JSON output carries the documented fields")
    func json() throws {
        let loaded = try DatasetLoader.load(Self.sample)
        let report = CheckReport(analysis: TraceabilityAnalysis(network: loaded.network), at: Day(iso: "2026-11-26")!)
        let text = report.json().rendered()
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["at"] as? String == "2026-11-26")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["items": 47, "valid": 30, "warning": 6, "broken": 11])
        let items = try #require(object["items"] as? [[String: Any]])
        let expired = try #require(items.first { $0["item"] as? String == "MED-PRT" })
        #expect(expired["status"] as? String == "broken")
        #expect(expired["record"] as? String == "JXIM-T-2025-0610")
        #expect(expired["due"] as? String == "2026-06-09")
        let finding = try #require((expired["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["rule", "severity", "item", "record", "lab", "reference", "message"])
        #expect(finding["rule"] as? String == "record.expired")
    }
}

extension TraceabilityAnalysis {
    func check(_ id: String, at date: String) -> (status: Status, rules: Set<String>) {
        let item = network.item(id: id)!
        let day = Day(iso: date)!
        return (validity(of: item, at: day).status, Set(findings(of: item, at: day).map(\.rule.id)))
    }
}
