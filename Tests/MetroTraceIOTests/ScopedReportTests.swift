import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// The two short cuts of the query commands on a generated network: `chain` analyses
/// only the item's chains, `check --summary` counts validities without building
/// chains. Each must say exactly what the long way says.
@Suite("Chain and summary short cuts")
struct ScopedReportTests {
    static let network: Network = {
        let text = try! NetworkGenerator(instruments: 3_000, years: 3, seed: 5).text()
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(text.utf8), named: "generated.json", into: &builder)
        return try! builder.build()
    }()

    @Test("a chain report from the item's scope equals the whole analysis's, text, JSON and budgets")
    func chainReports() {
        let network = Self.network
        let whole = TraceabilityAnalysis(network: network)
        let day = Day(year: 2026, month: 3, day: 1)!
        var scopeSizes: [Int] = []
        // Every 37th item: instruments, working and reference standards, the anchors.
        for item in stride(from: 0, to: network.itemCount, by: 37).map({ ItemIndex(Int32($0)) }) {
            let scoped = TraceabilityAnalysis(network: network, chainsOf: [item])
            scopeSizes.append(scoped.scope!.records.count)
            let expected = ChainReport(analysis: whole, item: item, at: day, showsBudget: true)
            let found = ChainReport(analysis: scoped, item: item, at: day, showsBudget: true)
            #expect(found.json().rendered() == expected.json().rendered(), "\(network.id(of: item))")
            #expect(found.text(.plain) == expected.text(.plain), "\(network.id(of: item))")
        }
        #expect(scopeSizes.count > 50)
        // The point of the scope: a chain's records, not the network's.
        #expect(scopeSizes.max()! < network.recordCount / 10)
    }

    @Test(
        "the summary's counts equal those of the full check",
        arguments: [CheckFilter(), CheckFilter(statuses: [.broken, .warning]), CheckFilter(kind: .instrument)])
    func summaryCounts(filter: CheckFilter) {
        let analysis = TraceabilityAnalysis(network: Self.network)
        let day = Day(year: 2026, month: 3, day: 1)!
        let full = CheckReport(analysis: analysis, at: day, filter: filter)
        var summary = CheckReport(analysis: analysis, at: day, filter: filter, findings: false)
        summary.includesItems = false
        #expect(summary.counts == full.counts)
        #expect(summary.entries.map(\.validity) == full.entries.map(\.validity))
        #expect(summary.hasErrors == full.hasErrors)
        #expect(summary.summary(.plain) == full.summary(.plain))
        var fullSummary = full
        fullSummary.includesItems = false
        #expect(summary.json().rendered() == fullSummary.json().rendered())
        #expect(full.counts.broken > 0 && full.counts.warning > 0)
    }
}
