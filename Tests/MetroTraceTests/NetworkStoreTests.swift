import Testing

@testable import MetroTrace

@Suite("Frozen network store")
struct NetworkStoreTests {
    @Test("the record in force is the latest on or before the day; of two the same day, the later in the dataset")
    func recordInForce() throws {
        var f = Fixture()
        f.item("A")
        f.record("R1", item: "A", date: "2025-01-10")
        f.record("found", item: "A", date: "2025-06-01")
        f.record("left", item: "A", date: "2025-06-01")
        f.record("R0", item: "A", date: "2024-01-10")  // out of order in the dataset
        let network = try f.network()
        let a = network.item(id: "A")!
        func inForce(_ date: String) -> String? {
            network.recordInForce(a, at: Fixture.day(date)).map { network.id(of: $0) }
        }
        #expect(inForce("2024-01-09") == nil)
        #expect(inForce("2024-01-10") == "R0")
        #expect(inForce("2025-05-31") == "R1")
        #expect(inForce("2025-06-01") == "left")
        #expect(inForce("2030-01-01") == "left")
        #expect(network.records(of: a).map { network.id(of: $0) } == ["R0", "R1", "found", "left"])
    }

    @Test("records are numbered in date order, same-day records after what they use")
    func dependencyOrder() throws {
        var f = Fixture()
        f.item("A")
        f.item("B")
        // B is calibrated with A on the same day A is calibrated; B comes first in the file.
        f.record("RB", item: "B", date: "2025-01-10", references: ["A"])
        f.record("RA", item: "A", date: "2025-01-10")
        let network = try f.network()
        #expect(network.record(id: "RA")! < network.record(id: "RB")!)
        #expect(!network.isInCycle(network.record(id: "RB")!))
        let analysis = TraceabilityAnalysis(network: network)
        #expect(analysis.check("B", at: "2025-02-01") == (.valid, []))
    }

    @Test("records downstream of a cycle are ordered after it and are not themselves in the cycle")
    func downstreamOfCycle() throws {
        var f = Fixture()
        for id in ["A", "B", "C"] { f.item(id) }
        f.record("RC", item: "C", date: "2025-01-10", references: ["A"])
        f.record("RA", item: "A", date: "2025-01-10", references: ["B"])
        f.record("RB", item: "B", date: "2025-01-10", references: ["A"])
        let network = try f.network()
        let (ra, rb, rc) = (network.record(id: "RA")!, network.record(id: "RB")!, network.record(id: "RC")!)
        #expect(network.isInCycle(ra) && network.isInCycle(rb) && !network.isInCycle(rc))
        #expect(rc > ra && rc > rb)
        let analysis = TraceabilityAnalysis(network: network)
        #expect(analysis.check("C", at: "2025-02-01") == (.broken, ["reference.invalid", "chain.cycle"]))
    }

    @Test("an item with ten thousand records answers by binary search")
    func longHistory() throws {
        var f = Fixture()
        f.item("A")
        var day = Fixture.day("2001-01-01")
        for i in 0..<10_000 {
            f.record("R\(i)", item: "A", date: day.description, due: day.description)
            day = day.advanced(by: 2)
        }
        let analysis = try f.analysis()
        let a = analysis.network.item(id: "A")!
        #expect(analysis.network.records(of: a).count == 10_000)
        #expect(analysis.check("A", at: "2001-01-01").status == .valid)
        #expect(analysis.check("A", at: "2001-01-02") == (.broken, ["record.expired"]))
        #expect(analysis.validity(of: a, at: day).record.map { analysis.network.id(of: $0) } == "R9999")
    }

    @Test("an item with no records, and records dated after the query date")
    func emptyAndFuture() throws {
        var f = Fixture()
        f.item("A")
        f.item("B")
        f.record("RB", item: "B", date: "2030-01-01")
        let analysis = try f.analysis()
        #expect(analysis.check("A", at: "2026-01-01") == (.broken, ["record.none-in-force"]))
        #expect(analysis.check("B", at: "2026-01-01") == (.broken, ["record.none-in-force"]))
        #expect(analysis.check("B", at: "2030-01-02").status == .valid)
    }

    @Test("the builder reports dangling ids, duplicates and dimensions, all at once")
    func builderProblems() throws {
        var f = Fixture()
        f.item("A")
        f.item("A")
        f.record("R1", item: "GHOST", date: "2025-01-10")
        f.record("R2", item: "A", lab: "NOLAB", date: "2025-01-10", references: ["NOSUCH"])
        f.builder.add(
            CalibrationRecord(
                id: "R3", activity: .calibration, item: "A", lab: "LAB", date: Fixture.day("2025-01-10"),
                references: [Reference(item: "SI", at: QuantityValue(1, try Unit.parse("m"), scale: .absolute))]))
        #expect {
            _ = try f.network()
        } throws: { error in
            let text = "\(error)"
            return [
                "duplicate item id \"A\"", "unknown item \"GHOST\"", "unknown lab \"NOLAB\"",
                "unknown reference item \"NOSUCH\"", "\"at\" has dimension m (length)",
            ].allSatisfy(text.contains)
        }
        // The same problems in Chinese: the facts are kept, the words change.
        #expect {
            _ = try f.network()
        } throws: { error in
            let text = (error as? DatasetError)?.rendered(in: .simplifiedChinese) ?? ""
            return [
                "(器具 A): 器具编号“A”重复", "未知的器具“GHOST”", "未知的实验室“NOLAB”", "未知的标准器具“NOSUCH”",
                "\"at\" 的量纲为 m (长度)", "数据集中有",
            ].allSatisfy(text.contains) && !text.contains("unknown") && !text.contains("{")
        }
    }

    @Test("dropping the last copy of a network frees it with the analyses it cached")
    func cachedAnalysesFreed() throws {
        weak var cache: AnalysisCache?
        do {
            var f = Fixture()
            f.item("A")
            f.record("R1", item: "A", date: "2025-01-10", references: ["SI"])
            let network = try f.network()
            let day = Fixture.day("2025-06-01")
            let first = network.validity(at: day)
            // The second query reads the cached results, attached to this network again.
            #expect(network.validity(at: day) == first)
            #expect(network.analysis().network.itemCount == network.itemCount)
            #expect(network.uncertainty(of: network.item(id: "A")!, at: day).count == 1)
            cache = network.analysisCache
            #expect(cache?.judgements(for: Policy()) != nil)
            #expect(cache?.judgements(for: Policy())?.propagation.network.itemCount == 0)
        }
        #expect(cache == nil, "the network's cache outlived the network: a reference cycle")
    }
}
