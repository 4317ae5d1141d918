import Foundation
import MetroTrace
import MetroTraceIO
import Testing

/// `chain --budget`, the `budget` arrays of the JSON and `metrotrace correlation`, as
/// users run them on the sample network.
@Suite("budget and correlation commands")
struct BudgetCommandTests {
    static let at = "2026-11-26"

    @Test("chain --budget shows where an instrument's uncertainty comes from; the JSON has it per point")
    func chainBudget() throws {
        let text = try CommandLineTests.run(["chain", "data/sample", "LV-BAL-01", "--at", Self.at, "--budget"])
        #expect(text.status == 0, "\(text.error)")
        // The weight's calibration: its comparator repeatability dominates (50 % of the variance).
        #expect(text.output.contains("budget at 1 kg: u = 280 µg, U = 1.0 mg (k = 2, p = 95.45 %)"), "\(text.output)")
        let dominant = try #require(
            text.output.split(separator: "\n").first { $0.contains("▸") && $0.contains("质量比较仪重复性") })
        #expect(dominant.contains("budget") && dominant.contains("50.1 %") && dominant.contains("9.00  A"))
        #expect(text.output.contains("drift of JXIM-E2-1kg since NIM-M-2024-0456"))
        // Without --budget, no budget.
        let plain = try CommandLineTests.run(["chain", "data/sample", "LV-BAL-01", "--at", Self.at])
        #expect(!plain.output.contains("budget at"))

        let json = try CommandLineTests.run(["chain", "data/sample", "LV-BAL-01", "--at", Self.at, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let links = try #require(object["links"] as? [[String: Any]])
        for link in links {
            let points = try #require((link["uncertainty"] as? [String: Any])?["points"] as? [[String: Any]])
            for point in points {
                let budget = try #require(point["budget"] as? [[String: Any]])
                #expect(budget.filter { $0["dominant"] as? Bool == true }.count == 1)
                let shares = budget.compactMap { $0["share"] as? Double }.reduce(0, +)
                #expect(abs(shares - 1) < 1e-9)
                for contribution in budget {
                    for key in [
                        "name", "origin", "item", "record", "sensitivity", "u", "contribution", "share", "dof", "type",
                    ] {
                        #expect(contribution.keys.contains(key), "no \(key) in \(contribution)")
                    }
                    #expect(BudgetContribution.Origin(rawValue: contribution["origin"] as? String ?? "") != nil)
                }
            }
        }
        // check --budget gives the same arrays; without it, none.
        let check = try CommandLineTests.run(["check", "data/sample", "--at", Self.at, "--format", "json", "--budget"])
        #expect(check.output.contains("\"budget\""))
        let lean = try CommandLineTests.run(["check", "data/sample", "--at", Self.at, "--format", "json"])
        #expect(!lean.output.contains("\"budget\""))
    }

    @Test("correlation matches the library's for the sample's pairs, and names what they share")
    func correlationMatchesLibrary() throws {
        let network = try DatasetLoader.load(CommandLineTests.root.appendingPathComponent("data/sample").path).network
        let analysis = network.analysis()
        let day = Day(iso: Self.at)!
        let pairs = [
            ("LV-BAL-01", "LV-BAL-02"), ("KD-TH-01", "KD-TH-03"), ("KD-TH-01", "LV-BAL-01"),
            ("JXIM-F1-1kg", "LV-BAL-03"), ("KD-SPH-01", "KD-SPH-02"), ("LV-BAL-01", "LV-BAL-01"),
        ]
        for (a, b) in pairs {
            let run = try CommandLineTests.run([
                "correlation", "data/sample", a, b, "--at", Self.at, "--format", "json",
            ])
            #expect(run.status == 0, "\(a) \(b): \(run.error)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            let (ma, mb) = (Measurand(network.item(id: a)!), Measurand(network.item(id: b)!))
            let covariance = try #require(analysis.covariance(ma, mb, at: day))
            #expect(abs((object["covariance"] as? Double ?? .nan) - covariance) <= 1e-12 * max(abs(covariance), 1e-30))
            let expected = analysis.correlation(ma, mb, at: day)
            let found = object["correlation"] as? Double
            #expect((expected == nil) == (found == nil))
            #expect(abs((found ?? 0) - (expected ?? 0)) < 1e-12, "\(a) \(b)")
            // The shared components add up to the covariance.
            let shared = try #require(object["shared"] as? [[String: Any]])
            let sum = shared.compactMap { $0["covariance"] as? Double }.reduce(0, +)
            #expect(abs(sum - covariance) <= 1e-12 * max(abs(covariance), 1e-30))
        }
        let text = try CommandLineTests.run(["correlation", "data/sample", "LV-BAL-01", "LV-BAL-02", "--at", Self.at])
        #expect(text.output.contains("JXIM-M-2026-0009 of JXIM-F1-1kg"))
        let unknown = try CommandLineTests.run(["correlation", "data/sample", "LV-BAL-01", "NOPE", "--at", Self.at])
        #expect(unknown.status == 2 && unknown.error.contains("no item with id \"NOPE\""))
        let before = try CommandLineTests.run([
            "correlation", "data/sample", "LV-BAL-01", "LV-BAL-02", "--at", "2000-01-01",
        ])
        #expect(before.status == 1 && before.output.contains("no record in force"))
    }
}
