import Testing

@testable import MetroTrace

/// Reverse traceability on hand-built networks: which records and items a standard found
/// out of tolerance puts in doubt, by depth, with recalibration windows.
@Suite("Impact of a standard found out of tolerance")
struct ImpactTests {
    /// S (a reference standard calibrated against SI in 2024 and 2025) → W1, W2 (working
    /// standards) → instruments; W3 is calibrated with both S and another standard T.
    static func network() throws -> TraceabilityAnalysis {
        var f = Fixture()
        f.item("S", kind: .referenceStandard)
        f.item("T", kind: .referenceStandard)
        for id in ["W1", "W2", "W3"] { f.item(id) }
        for id in ["I1", "I2", "I3", "I4", "I5", "I6"] { f.item(id, kind: .instrument) }
        f.record("S-2024", item: "S", lab: "NMI", date: "2024-01-10")
        f.record("S-2025", item: "S", lab: "NMI", date: "2025-01-10", points: [(1, 0.1)])
        f.record("T-2025", item: "T", lab: "NMI", date: "2025-01-05")
        // Before the last good calibration of S (2025-01-10): not affected.
        f.record("W1-2024", item: "W1", date: "2024-06-01", references: ["S"], points: [(1, 0.5)])
        // Between the last good calibration and the finding (2025-09-01): affected.
        f.record("W1-2025", item: "W1", date: "2025-03-01", references: ["S"], points: [(1, 0.5)])
        f.record("W2-2025", item: "W2", date: "2025-08-31", references: ["S"], points: [(1, 0.5)])
        // After the finding: not affected by S directly.
        f.record("W3-2025", item: "W3", date: "2025-09-02", references: ["S", "T"], points: [(1, 0.5)])
        // Several references, one affected: affected, at depth 2.
        f.record("W3-2025b", item: "W3", date: "2025-05-02", references: ["T", "W1"], points: [(1, 0.6)])
        // Instruments.
        f.record("I1-2024", item: "I1", date: "2024-09-01", references: ["W1"], points: [(1, 1)])  // W1-2024: no
        f.record("I1-2025", item: "I1", date: "2025-04-01", references: ["W1"], points: [(1, 1)])  // W1-2025: yes
        f.record("I2-2025", item: "I2", date: "2025-10-01", references: ["W2"], points: [(1, 1)])  // W2-2025: yes
        f.record("I3-2025", item: "I3", date: "2025-06-01", references: ["W3"], points: [(1, 1)])  // W3-2025b: depth 3
        // W3-2025 (after the finding): no
        f.record("I4-2025", item: "I4", date: "2025-10-01", references: ["W3"], points: [(1, 1)])
        // W1 recalibrated (sound, unaffected) on 2025-11-01: later uses are not affected.
        f.record("W1-2025c", item: "W1", date: "2025-11-01", references: ["T"], points: [(1, 0.5)])
        f.record("I5-2025", item: "I5", date: "2025-12-01", references: ["W1"], points: [(1, 1)])  // no
        // W1-2025 still in force: yes
        f.record("I6-2025", item: "I6", date: "2025-10-15", references: ["W1"], points: [(1, 1)])
        // I1 recalibrated in 2026 with the new W1 record: no longer affected.
        f.record("I1-2026", item: "I1", date: "2026-01-10", references: ["W1"], points: [(1, 1)])
        return try f.analysis()
    }

    func ids(_ impact: Impact, _ analysis: TraceabilityAnalysis) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: impact.records.map { (analysis.network.id(of: $0.record), $0.depth) })
    }

    @Test("records between the last good calibration and the finding, and their descendants while in force")
    func affectedRecords() throws {
        let analysis = try Self.network()
        let s = analysis.network.item(id: "S")!
        let impact = analysis.impact(
            of: s, foundOutOfToleranceAt: Fixture.day("2025-09-01"), at: Fixture.day("2026-02-01"))
        #expect(impact.lastGood == Fixture.day("2025-01-10"))
        #expect(
            ids(impact, analysis) == [
                "W1-2025": 1, "W2-2025": 1, "W3-2025b": 2, "I1-2025": 2, "I2-2025": 2, "I6-2025": 2, "I3-2025": 3,
            ])
        let items = Dictionary(uniqueKeysWithValues: impact.items.map { (analysis.network.id(of: $0.item), $0) })
        #expect(Set(items.keys) == ["W1", "W2", "W3", "I1", "I2", "I3", "I6"])
        // W1 was recalibrated on 2025-11-01, I1 on 2026-01-10: no longer affected; W3's
        // record in force is W3-2025 (after the finding), so it is not either.
        #expect(items["W1"]?.stillAffected == false)
        #expect(items["I1"]?.stillAffected == false)
        #expect(items["W3"]?.stillAffected == false)
        #expect(items["W2"]?.stillAffected == true && items["I6"]?.stillAffected == true)
        #expect(items["I3"]?.depth == 3 && items["W1"]?.depth == 1)
        #expect(
            impact.records.first { analysis.network.id(of: $0.record) == "I3-2025" }?.via
                == analysis.network.record(id: "W3-2025b"))
    }

    @Test("found on the day of a calibration: that calibration is not the last good one; uses that day are affected")
    func boundaries() throws {
        let analysis = try Self.network()
        let s = analysis.network.item(id: "S")!
        // Found on 2025-01-10, the day of S-2025: the last good one is S-2024.
        let early = analysis.impact(
            of: s, foundOutOfToleranceAt: Fixture.day("2025-01-10"), at: Fixture.day("2025-01-10"))
        #expect(early.lastGood == Fixture.day("2024-01-10"))
        #expect(Set(ids(early, analysis).keys) == ["W1-2024", "I1-2024"])
        // Found on 2025-08-31: W2-2025, dated that day, is affected.
        let sameDay = analysis.impact(
            of: s, foundOutOfToleranceAt: Fixture.day("2025-08-31"), at: Fixture.day("2025-08-31"))
        #expect(ids(sameDay, analysis)["W2-2025"] == 1)
        // A standard nobody used: nothing.
        let t = analysis.network.item(id: "I5")!
        #expect(
            analysis.impact(of: t, foundOutOfToleranceAt: Fixture.day("2026-01-01"), at: Fixture.day("2026-01-01"))
                .items.isEmpty)
    }

    @Test("a deviation added to the recorded errors flags items that would exceed their tolerance")
    func deviation() throws {
        var f = Fixture()
        f.item("S", kind: .referenceStandard)
        f.item("I", kind: .instrument, tolerance: 5)
        f.record("S-1", item: "S", lab: "NMI", date: "2025-01-10")
        f.record("I-1", item: "I", date: "2025-03-01", references: ["S"], points: [(1, 0.4)])
        let analysis = try f.analysis()
        let impact = analysis.impact(
            of: analysis.network.item(id: "S")!, foundOutOfToleranceAt: Fixture.day("2025-06-01"),
            at: Fixture.day("2025-06-01"))
        let small = analysis.deviationEffects(of: impact, deviation: Fixture.mg(0.5))
        #expect(small.count == 1 && !small[0].exceedsTolerance && !small[0].ratioTooLow)
        let large = analysis.deviationEffects(of: impact, deviation: Fixture.mg(5.5))
        #expect(large.count == 1 && large[0].exceedsTolerance && large[0].ratioTooLow)
        #expect(abs(large[0].possibleError - 5.5e-6) < 1e-15)
        // Another dimension: no effect can be judged.
        #expect(
            analysis.deviationEffects(of: impact, deviation: QuantityValue(1, try Unit.parse("m"), scale: .interval))
                .isEmpty)
    }
}
