import Testing

@testable import MetroTrace

/// Due planning: window boundaries (due exactly on the query date, on the last day of the
/// window), overdue items, and the calibrations a standard's expiry would block.
@Suite("Due planning")
struct DuePlanTests {
    static func analysis() throws -> TraceabilityAnalysis {
        var f = Fixture()
        f.item("S", kind: .referenceStandard)
        for id in ["A", "B", "C", "D", "E"] { f.item(id, kind: .instrument) }
        f.item("W")
        f.record("S-1", item: "S", lab: "NMI", date: "2025-12-01", due: "2026-12-10")
        f.record("W-1", item: "W", date: "2026-01-05", due: "2027-03-01", references: ["S"])
        f.record("A-1", item: "A", date: "2025-11-26", due: "2026-11-26", references: ["W"])  // due on D
        f.record("B-1", item: "B", date: "2025-12-26", due: "2026-12-26", references: ["W"])  // last day of the window
        f.record("C-1", item: "C", date: "2025-12-27", due: "2026-12-27", references: ["W"])  // one day after
        f.record("D-1", item: "D", date: "2025-11-25", due: "2026-11-25", references: ["S"])  // overdue by a day
        f.record("E-1", item: "E", date: "2026-02-01", due: "2027-02-01", references: ["S"])
        return try f.analysis()
    }

    @Test("the window includes its first and last days; earlier dues are overdue")
    func boundaries() throws {
        let analysis = try Self.analysis()
        let plan = analysis.duePlan(at: Fixture.day("2026-11-26"), within: 30)
        let ids = plan.due.map { analysis.network.id(of: $0.item) }
        #expect(ids == ["A", "S", "B"])
        #expect(plan.due.map(\.daysLeft) == [0, 14, 30])
        #expect(plan.overdue.map { analysis.network.id(of: $0.item) } == ["D"])
        #expect(plan.overdue.first?.daysLeft == -1)
    }

    @Test(
        "a standard falling due blocks the calibrations of what it calibrated that run out later, and what stands below"
    )
    func knockOn() throws {
        let analysis = try Self.analysis()
        let plan = analysis.duePlan(at: Fixture.day("2026-11-26"), within: 30)
        let s = try #require(plan.due.first { analysis.network.id(of: $0.item) == "S" })
        // W (due 2027-03-01) and E (2027-02-01) run out after S (2026-12-10); D ran out before.
        #expect(Set(s.blocked.map { analysis.network.id(of: $0) }) == ["W", "E"])
        // Below W: A, B, C.
        #expect(s.blockedDownstream == 5)
        let a = try #require(plan.due.first { analysis.network.id(of: $0.item) == "A" })
        #expect(a.blocked.isEmpty && a.blockedDownstream == 0)
    }

    @Test("only the lab's own items when a lab is given")
    func lab() throws {
        let analysis = try Self.analysis()
        let nmi = analysis.network.lab(id: "NMI")!
        #expect(analysis.duePlan(at: Fixture.day("2026-11-26"), within: 30, lab: nmi).due.isEmpty)
        let lab = analysis.network.lab(id: "LAB")!
        #expect(analysis.duePlan(at: Fixture.day("2026-11-26"), within: 30, lab: lab).due.count == 3)
    }
}
