import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

@Suite("Chain reports")
struct ChainReportTests {
    static let network = try! DatasetLoader.load(SampleNetworkTests.sample).network
    static let day = Day(iso: "2026-11-26")!

    static func report(_ id: String) -> ChainReport {
        ChainReport(analysis: network.analysis(), item: network.item(id: id)!, at: day)
    }

    @Test("the text is a tree from the item to the anchors, with a symbol per link")
    func tree() {
        let text = Self.report("NAP-TW-01").text()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("⚠ warning: NAP-TW-01"))
        #expect(lines.contains { $0.hasPrefix("✓ AUTO-V-2026-0052  verification by AUTO  2026-04-10 → 2027-04-09") })
        #expect(lines.contains { $0.hasPrefix("└── AUTO-TWC") && $0.hasSuffix("at each point") })
        #expect(lines.contains { $0.hasPrefix("    └── JXIM-TQ") })
        #expect(lines.contains { $0.contains("⚓ anchor: recognised primary standard") })
        #expect(text.contains("record.suspect"))
        #expect(lines.last == "3 records in the chain: 0 errors, 1 warning")
    }

    @Test("a shared ancestor is shown once")
    func sharedAncestor() throws {
        var f = Fixture()
        f.item("S")
        f.item("A")
        f.item("B")
        f.item("C")
        f.record("RS", item: "S", date: "2025-01-01")
        f.record("RA", item: "A", date: "2025-02-01", references: ["S"])
        f.record("RB", item: "B", date: "2025-02-01", references: ["S"])
        f.record("RC", item: "C", date: "2025-03-01", references: ["A", "B"])
        let network = try f.builder.build()
        let chain = network.chain(of: network.item(id: "C")!, at: Day(iso: "2025-04-01")!)
        #expect(chain.links.map { network.id(of: $0.record) } == ["RC", "RA", "RB", "RS"])
        let text = ChainReport(analysis: network.analysis(), item: network.item(id: "C")!, at: Day(iso: "2025-04-01")!)
            .text()
        #expect(text.contains("↑ RS (shown above)"))
    }

    @Test("JSON has item, at, status, findings and links")
    func json() throws {
        let text = Self.report("KD-TH-02").json().rendered()
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["item"] as? String == "KD-TH-02")
        #expect(object["at"] as? String == "2026-11-26")
        #expect(object["status"] as? String == "broken")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["reference.expired"])
        let links = try #require(object["links"] as? [[String: Any]])
        #expect(links.map { $0["record"] as? String } == ["MED-T-2026-0101", "JXIM-T-2025-0610", "NIM-T-2024-0210"])
        let first = links[0]
        #expect(
            Set(first.keys).isSuperset(of: [
                "record", "item", "lab", "activity", "date", "due", "status", "points", "references", "findings",
            ]))
        let reference = try #require((first["references"] as? [[String: Any]])?.first)
        #expect(reference["item"] as? String == "MED-PRT")
        #expect(reference["record"] as? String == "JXIM-T-2025-0610")
    }
}

/// A tiny network builder for report tests (mass in kg, one accredited lab).
struct Fixture {
    var builder = NetworkBuilder()

    init() {
        builder.add(
            Lab(
                id: "LAB", name: "lab", kind: .calibrationLab,
                accreditations: [Accreditation(scheme: "CNAS", window: .always)],
                capabilities: [
                    Capability(
                        quantity: "mass", activity: .calibration,
                        range: QuantityRange(Self.kg(0), Self.kg(100)), window: .always)
                ]))
        builder.add(
            Item(id: "SI", name: "SI", kind: .siRealization, quantity: "mass", unit: try! Unit.parse("kg"), lab: "LAB"))
    }

    static func kg(_ value: Double) -> QuantityValue { QuantityValue(value, try! Unit.parse("kg"), scale: .absolute) }

    mutating func item(_ id: String) {
        builder.add(
            Item(id: id, name: id, kind: .workingStandard, quantity: "mass", unit: try! Unit.parse("kg"), lab: "LAB"))
    }

    mutating func record(_ id: String, item: String, date: String, references: [String] = ["SI"]) {
        let day = Day(iso: date)!
        builder.add(
            CalibrationRecord(
                id: id, activity: .calibration, item: item, lab: "LAB", date: day, due: day.adding(months: 12),
                references: references.map { Reference(item: $0, at: Self.kg(1)) },
                points: [CalibrationPoint(nominal: Self.kg(1))]))
    }
}
