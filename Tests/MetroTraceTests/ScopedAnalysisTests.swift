import Testing

@testable import MetroTrace

/// An analysis scoped to a few items' chains (``AnalysisScope``) against the whole
/// analysis, on the seeded random networks of ``RandomizedEquivalenceTests``: cycles,
/// shared ancestry, out-of-tolerance events and recalibrations included.
@Suite("Analysis scoped to one item's chains")
struct ScopedAnalysisTests {
    typealias Random = RandomizedEquivalenceTests.Random

    @Test(
        "every item's chains, validity and uncertainties equal the whole analysis's on 600 random networks, bit for bit"
    )
    func sameChains() throws {
        var compared = 0
        var partial = 0
        for seed in UInt64(1)...600 {
            let dataset = RandomizedEquivalenceTests.network(seed: seed)
            let policy = RandomizedEquivalenceTests.policy(seed: seed)
            let network = try RandomizedEquivalenceTests.build(dataset)
            let whole = TraceabilityAnalysis(network: network, policy: policy)
            var random = Random(state: seed &* 131)
            let days = (0..<4).map { _ in RandomizedEquivalenceTests.day(&random, within: 60) }
            for item in network.itemIndices {
                let scoped = TraceabilityAnalysis(network: network, policy: policy, chainsOf: [item])
                if scoped.scope!.records.count < network.recordCount { partial += 1 }
                for day in days {
                    let expected = whole.chain(of: item, at: day)
                    let found = scoped.chain(of: item, at: day)
                    guard String(describing: expected) == String(describing: found),
                        whole.validity(of: item, at: day) == scoped.validity(of: item, at: day)
                    else {
                        Issue.record("seed \(seed), item \(network.id(of: item)) at \(day): \(expected) ≠ \(found)")
                        return
                    }
                    // To the last bit: uses are counted over the whole network.
                    for link in expected.links
                    where whole.uncertainty(of: link.record) != scoped.uncertainty(of: link.record) {
                        Issue.record(
                            "seed \(seed), record \(network.id(of: link.record)): \(whole.uncertainty(of: link.record)) ≠ \(scoped.uncertainty(of: link.record))"
                        )
                        return
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
        // Most scopes leave records out, or the test would compare the whole analysis with itself.
        #expect(partial > compared / 8)
    }

    /// SI → W1 → I1 and SI → W2 → I2, W2 found out of tolerance after I2's calibration,
    /// so that I2's scope takes in W2's earlier record as its last good calibration.
    static func twoBranches() throws -> Network {
        var fixture = Fixture()
        fixture.item("W1")
        fixture.item("W2", events: [("2025-06-01", .outOfTolerance)])
        fixture.item("I1", kind: .instrument)
        fixture.item("I2", kind: .instrument)
        fixture.record("w1", item: "W1", date: "2025-01-01")
        fixture.record("w2-old", item: "W2", date: "2024-01-01")
        fixture.record("w2", item: "W2", date: "2025-01-01")
        fixture.record("i1", item: "I1", date: "2025-02-01", references: ["W1"])
        fixture.record("i2", item: "I2", date: "2025-02-01", references: ["W2"])
        return try fixture.network()
    }

    @Test("the scope holds the item's records, what they stand on and a suspect standard's history, nothing else")
    func scopeIsTheAncestry() throws {
        let network = try Self.twoBranches()
        func ids(_ item: String) -> [String] {
            AnalysisScope(network: network, items: [network.item(id: item)!]).records.map { network.id(of: $0) }
        }
        #expect(ids("I1") == ["w1", "i1"])
        #expect(ids("I2") == ["w2-old", "w2", "i2"])
        let scope = AnalysisScope(network: network, items: [network.item(id: "I1")!])
        #expect(scope.covers(network.item(id: "I1")!))
        #expect(!scope.covers(network.item(id: "W1")!))
    }

    @Test("asking a scoped analysis for an item outside its scope traps")
    func outsideTheScopeTraps() async {
        await #expect(processExitsWith: .failure) {
            let network = try ScopedAnalysisTests.twoBranches()
            let scoped = TraceabilityAnalysis(network: network, chainsOf: [network.item(id: "I1")!])
            _ = scoped.validity(of: network.item(id: "I2")!, at: Day(iso: "2026-01-01")!)
        }
    }
}
