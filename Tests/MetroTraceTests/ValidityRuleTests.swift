import Testing

@testable import MetroTrace

/// One focused test per rule: each builds the smallest network that breaks the rule and
/// expects exactly that finding, so removing the rule makes its test fail.
@Suite("Validity rules")
struct ValidityRuleTests {
    @Test("a valid chain to an SI realisation has no finding")
    func validChain() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10")
        let result = try f.analysis().check("A", at: "2025-06-01")
        #expect(result.status == .valid)
        #expect(result.rules.isEmpty)
    }

    @Test("no record in force before the first calibration")
    func noRecordInForce() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10")
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-01-09") == (.broken, ["record.none-in-force"]))
        #expect(analysis.check("A", at: "2025-01-10").status == .valid)
    }

    @Test("expired after the due date, which is inclusive")
    func expired() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10", due: "2025-07-10")
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-07-10").status == .valid)
        #expect(analysis.check("A", at: "2025-07-11") == (.broken, ["record.expired"]))
    }

    @Test("no due date and no policy interval is a warning; a policy interval sets the due date")
    func noDueDate() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10", due: nil)
        #expect(try f.analysis().check("A", at: "2030-01-01") == (.warning, ["record.no-due-date"]))
        var policy = Policy()
        policy.defaultIntervalMonths[.workingStandard] = 12
        let analysis = try f.analysis(policy)
        #expect(analysis.check("A", at: "2026-01-10").status == .valid)
        #expect(analysis.check("A", at: "2026-01-11") == (.broken, ["record.expired"]))
    }

    @Test(
        "out of service while out of tolerance or retired, back in service after repair",
        arguments: [ItemState.outOfTolerance, .retired])
    func outOfService(_ state: ItemState) throws {
        var f = Fixture()
        f.item("A", events: [("2025-03-01", state), ("2025-04-01", .repaired)])
        f.record("R1", item: "A", date: "2025-01-10")
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-02-28").status == .valid)
        #expect(analysis.check("A", at: "2025-03-01") == (.broken, ["item.out-of-service"]))
        #expect(analysis.check("A", at: "2025-04-01").status == .valid)
    }

    @Test("a failed verification breaks the item")
    func verdictFail() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10", activity: .verification, verdict: .fail)
        #expect(try f.analysis().check("A", at: "2025-02-01") == (.broken, ["record.verdict-fail"]))
    }

    @Test("a primary standard anchors only inside its recognition window")
    func anchorRecognition() throws {
        var f = Fixture()
        f.item(
            "P", kind: .primaryStandard, lab: "NMI",
            recognized: [DateWindow(from: Fixture.day("2020-01-01"), to: Fixture.day("2025-12-31"))])
        f.item("A")
        f.record("R1", item: "A", date: "2025-06-01", references: ["P"])
        f.record("R2", item: "A", date: "2026-02-01", references: ["P"])
        let analysis = try f.analysis()
        #expect(analysis.validity(of: analysis.network.item(id: "P")!, at: Fixture.day("2025-06-01")).isAnchor)
        #expect(analysis.check("P", at: "2026-01-01") == (.broken, ["anchor.not-recognized"]))
        #expect(analysis.check("A", at: "2025-07-01").status == .valid)
        #expect(analysis.check("A", at: "2026-03-01") == (.broken, ["reference.anchor-invalid"]))
    }

    @Test("a record without references on a non-anchor is unanchored")
    func unanchored() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10", references: [])
        #expect(try f.analysis().check("A", at: "2025-02-01") == (.broken, ["chain.unanchored"]))
    }

    @Test("a reference with no record in force at the calibration date")
    func referenceNoRecord() throws {
        var f = Fixture()
        f.item("S")
        f.item("A")
        f.record("RS", item: "S", date: "2025-03-01")
        f.record("RA", item: "A", date: "2025-02-01", references: ["S"])
        #expect(try f.analysis().check("A", at: "2025-04-01") == (.broken, ["reference.no-record"]))
    }

    @Test("a reference expired at the calibration date; one expiring later does not break the child")
    func referenceExpired() throws {
        var f = Fixture()
        f.item("S")
        f.item("A")
        f.item("B")
        f.record("RS", item: "S", date: "2025-01-01", due: "2025-06-30")
        f.record("RA", item: "A", date: "2025-07-01", references: ["S"])
        f.record("RB", item: "B", date: "2025-06-30", references: ["S"])
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-08-01") == (.broken, ["reference.expired"]))
        #expect(analysis.check("B", at: "2025-08-01").status == .valid)
    }

    @Test("a reference whose record was itself unsound at the calibration date")
    func referenceInvalid() throws {
        var f = Fixture()
        f.item("S")
        f.item("A")
        f.record("RS", item: "S", date: "2025-01-01", references: [])
        f.record("RA", item: "A", date: "2025-02-01", references: ["S"])
        #expect(try f.analysis().check("A", at: "2025-03-01") == (.broken, ["reference.invalid", "chain.unanchored"]))
    }

    @Test("a reference out of service at the calibration date")
    func referenceOutOfService() throws {
        var f = Fixture()
        f.item("S", events: [("2025-02-01", .outOfTolerance)])
        f.item("A")
        f.record("RS", item: "S", date: "2025-01-01")
        f.record("RA", item: "A", date: "2025-02-10", references: ["S"])
        let result = try f.analysis().check("A", at: "2025-03-01")
        #expect(result.status == .broken)
        #expect(result.rules.contains("reference.out-of-service"))
    }

    @Test("a reference whose record in force had verdict fail")
    func referenceVerdictFail() throws {
        var f = Fixture()
        f.item("S")
        f.item("A")
        f.record("RS", item: "S", date: "2025-01-01", activity: .verification, verdict: .fail)
        f.record("RA", item: "A", date: "2025-02-01", references: ["S"])
        #expect(
            try f.analysis().check("A", at: "2025-03-01")
                == (.broken, ["reference.verdict-fail", "reference.invalid", "record.verdict-fail"]))
    }

    @Test("a reference used outside the points its own record calibrated")
    func referenceOutOfRange() throws {
        var f = Fixture()
        f.item("S")
        f.item("A")
        f.record("RS", item: "S", date: "2025-01-01", points: [(1, 0.1), (10, 0.2)])
        f.record("RA", item: "A", date: "2025-02-01", references: ["S"], at: 20, points: [(20, 1)])
        f.record("RB", item: "A", date: "2025-03-01", references: ["S"], at: 10, points: [(10, 1)])
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-02-15") == (.broken, ["reference.out-of-range"]))
        #expect(analysis.check("A", at: "2025-03-15").status == .valid)
    }

    @Test("a lab without accreditation at the record's date")
    func labNotAccredited() throws {
        var f = Fixture()
        f.builder.add(
            Lab(
                id: "NEW", name: "new lab", kind: .calibrationLab,
                accreditations: [Accreditation(scheme: "CNAS", window: DateWindow(from: Fixture.day("2025-06-01")))],
                capabilities: [
                    Capability(
                        quantity: "mass", activity: .calibration,
                        range: QuantityRange(Fixture.kg(0), Fixture.kg(10)),
                        window: DateWindow(from: Fixture.day("2020-01-01")))
                ]))
        f.item("A")
        f.record("R1", item: "A", lab: "NEW", date: "2025-05-31")
        f.record("R2", item: "A", lab: "NEW", date: "2025-06-01")
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-06-01") == (.valid, []))
        #expect(analysis.check("A", at: "2025-05-31") == (.broken, ["lab.not-accredited"]))
    }

    @Test("no capability for the quantity, activity, date and every point")
    func labOutOfScope() throws {
        var f = Fixture()
        f.builder.add(
            Lab(
                id: "C", name: "centre", kind: .industryCentre,
                accreditations: [Accreditation(scheme: "CNAS", window: .always)],
                capabilities: [
                    Capability(
                        quantity: "mass", activity: .verification, range: QuantityRange(Fixture.kg(0), Fixture.kg(5)),
                        window: DateWindow(from: Fixture.day("2020-01-01"), to: Fixture.day("2025-12-31"))),
                    Capability(
                        quantity: "mass", activity: .verification, range: QuantityRange(Fixture.kg(0), Fixture.kg(20)),
                        window: DateWindow(from: Fixture.day("2026-01-01"))),
                ]))
        f.item("A")
        f.record("R1", item: "A", lab: "C", date: "2025-06-01", activity: .verification, points: [(1, 0.1), (10, 0.1)])
        f.record("R2", item: "A", lab: "C", date: "2025-08-01", activity: .calibration, points: [(1, 0.1)])
        f.record("R3", item: "A", lab: "C", date: "2026-02-01", activity: .verification, points: [(1, 0.1), (10, 0.1)])
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-07-01") == (.broken, ["lab.out-of-scope"]))
        #expect(analysis.check("A", at: "2025-09-01") == (.broken, ["lab.out-of-scope"]))
        #expect(analysis.check("A", at: "2026-03-01") == (.valid, []))
    }

    @Test("a stated U below the lab's CMC")
    func belowCMC() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10", points: [(1, 0.0015)])
        f.record("R2", item: "A", date: "2025-02-10", points: [(1, 0.002)])
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-01-20") == (.broken, ["record.below-cmc"]))
        #expect(analysis.check("A", at: "2025-02-20") == (.valid, []))
    }

    @Test("test uncertainty ratio: warning below 4 for calibration, error below 3 for verification")
    func testUncertaintyRatio() throws {
        var f = Fixture()
        f.item("A", tolerance: 10)
        f.record("C4", item: "A", date: "2025-01-10", points: [(1, 2.5)])
        f.record("C3", item: "A", date: "2025-02-10", points: [(1, 3)])
        f.record("V3", item: "A", date: "2025-03-10", activity: .verification, points: [(1, 3.3)], verdict: .pass)
        f.record("V2", item: "A", date: "2025-04-10", activity: .verification, points: [(1, 4)], verdict: .pass)
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-01-20") == (.valid, []))
        #expect(analysis.check("A", at: "2025-02-20") == (.warning, ["record.tur-low"]))
        #expect(analysis.check("A", at: "2025-03-20") == (.valid, []))
        #expect(analysis.check("A", at: "2025-04-20") == (.broken, ["record.tur-low"]))
    }

    @Test("an interval longer than the policy maximum")
    func intervalTooLong() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10", due: "2027-01-09")
        #expect(try f.analysis().check("A", at: "2025-02-01") == (.valid, []))
        var policy = Policy()
        policy.maximumIntervalMonths[.workingStandard] = 12
        #expect(try f.analysis(policy).check("A", at: "2025-02-01") == (.warning, ["record.interval-too-long"]))
    }

    @Test("records that depend on themselves form a cycle, also through same-day calibrations")
    func cycle() throws {
        var f = Fixture()
        f.item("A")
        f.item("B")
        f.item("C")
        f.record("RA", item: "A", date: "2025-01-10", references: ["B"])
        f.record("RB", item: "B", date: "2025-01-10", references: ["A"])
        f.record("RC", item: "C", date: "2025-01-10", references: ["C"])
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2025-02-01") == (.broken, ["chain.cycle"]))
        #expect(analysis.check("C", at: "2025-02-01") == (.broken, ["chain.cycle"]))
        let network = analysis.network
        #expect(network.isInCycle(network.record(id: "RA")!) && network.isInCycle(network.record(id: "RB")!))
    }

    @Test("reverse traceability: uses between the last good calibration and the finding are suspect")
    func suspect() throws {
        var f = Fixture()
        f.item("S", events: [("2025-09-15", .outOfTolerance), ("2025-10-01", .inService)])
        f.item("A")
        f.item("B")
        f.item("C")
        f.item("D")
        f.record("RS1", item: "S", date: "2025-01-01")
        f.record("RS2", item: "S", date: "2025-03-01")
        f.record("RS3", item: "S", date: "2025-10-01")
        f.record("RA", item: "A", date: "2025-02-01", references: ["S"])  // before the last good one
        f.record("RB", item: "B", date: "2025-04-01", references: ["S"])  // suspect
        f.record("RC", item: "C", date: "2025-10-02", references: ["S"])  // after repair
        f.record("RD", item: "D", date: "2025-05-01", references: ["B"])  // suspect through B
        let analysis = try f.analysis()
        #expect(analysis.check("B", at: "2025-09-14") == (.valid, []))
        #expect(analysis.check("B", at: "2025-09-15") == (.warning, ["record.suspect"]))
        #expect(analysis.check("D", at: "2025-09-15") == (.warning, ["record.suspect"]))
        #expect(analysis.check("A", at: "2025-12-01") == (.valid, []))
        #expect(analysis.check("C", at: "2025-12-01") == (.valid, []))
        var policy = Policy()
        policy.severities[.suspect] = .error
        #expect(try f.analysis(policy).check("B", at: "2025-12-01") == (.broken, ["record.suspect"]))
    }

    @Test("an item's status is the worst finding upstream, each record judged at its own date")
    func upstream() throws {
        var f = Fixture()
        f.item("S", tolerance: 1)
        f.item("A")
        f.record("RS", item: "S", date: "2025-01-01", points: [(1, 0.4)])  // TUR 2.5: a warning upstream
        f.record("RA", item: "A", date: "2025-02-01", references: ["S"], points: [(1, 0.5)])
        #expect(try f.analysis().check("A", at: "2025-03-01") == (.warning, ["record.tur-low"]))
    }
}
