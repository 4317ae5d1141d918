import Testing

@testable import MetroTrace

@Suite("Network entities as model values")
struct NetworkModelTests {
    @Test("a record read back as a model value keeps what was added; budget lines become contributions")
    func calibrationRecord() throws {
        var f = Fixture()
        f.item("A")
        f.builder.add(
            CalibrationRecord(
                id: "R1", activity: .verification, item: "A", lab: "LAB", date: Fixture.day("2025-03-01"),
                due: Fixture.day("2026-02-28"), procedure: "JJG 99-2022",
                references: [Reference(item: "SI", sensitivity: .number(2), usedAt: .value(Fixture.kg(1)))],
                points: [
                    CalibrationPoint(
                        nominal: Fixture.kg(1), value: Fixture.kg(1.000_001),
                        expanded: ExpandedUncertainty(Fixture.mg(0.4), k: 2))
                ],
                budget: [
                    BudgetComponent(
                        name: "balance", uncertainty: .standard(Fixture.mg(0.1)),
                        dof: 50, type: .A, sensitivity: .number(3))
                ],
                verdict: .pass, source: "paper"))
        let network = try f.network()
        let record = network.calibrationRecord(try #require(network.record(id: "R1")))
        #expect(record.id == "R1" && record.item == "A" && record.lab == "LAB")
        #expect(record.activity == .verification && record.verdict == .pass)
        #expect(record.date == Fixture.day("2025-03-01") && record.due == Fixture.day("2026-02-28"))
        #expect(record.procedure == "JJG 99-2022" && record.source == "paper")
        #expect(record.references.count == 1 && record.references[0].item == "SI")
        #expect(record.references[0].sensitivity.si == 2)
        #expect(record.references[0].at == .value(Fixture.kg(1)))
        #expect(record.points.count == 1 && record.points[0].nominal.si == 1)
        #expect(abs(record.points[0].expanded!.value.si - 0.4e-6) < 1e-18)
        #expect(record.budget.count == 1 && record.budget[0].name == "balance" && record.budget[0].dof == 50)
        // The contribution |c|·u, in the item's unit: 3 × 0.1 mg.
        guard case .standard(let u) = record.budget[0].uncertainty else {
            Issue.record("a contribution is a standard uncertainty")
            return
        }
        #expect(abs(u.si - 0.3e-6) < 1e-18 && u.unit.symbol == "kg")
        #expect(network.statedDue(of: network.record(id: "R1")!) == Fixture.day("2026-02-28"))
    }

    @Test("a record without a due date states none")
    func noStatedDue() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-03-01", due: nil)
        let network = try f.network()
        #expect(network.statedDue(of: network.record(id: "R1")!) == nil)
    }
}

@Suite("Diagnostic log")
struct DiagnosticLogTests {
    @Test("appending a log keeps its diagnostics up to the limit and counts all of them")
    func appendLog() {
        var first = DiagnosticLog(limit: 3)
        first.append(Diagnostic(.error, message: "e1"))
        first.append(Diagnostic(.warning, message: "w1"))
        var second = DiagnosticLog(limit: 2)
        for i in 2...5 { second.append(Diagnostic(.error, message: "e\(i)")) }
        second.append(Diagnostic(.warning, message: "w2"))
        #expect(second.errorCount == 4 && second.diagnostics.count == 3)
        first.append(contentsOf: second)
        #expect(first.errorCount == 5)
        #expect(first.warningCount == 2)
        #expect(first.diagnostics.map(\.message) == ["e1", "w1", "e2", "e3", "w2"])
        #expect(first.hasErrors)
    }
}
