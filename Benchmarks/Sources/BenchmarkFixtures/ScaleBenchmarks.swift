import Benchmark
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// The benchmarks measured at each network size: loading, the soundness and uncertainty
/// pass, validity of every item, single chains and DOT writing.
///
/// Each size is its own benchmark executable, so every process holds one network and
/// its peak-memory figures belong to that size alone.
public enum ScaleBenchmarks {
    /// Registers the benchmarks of the network with `instruments` instruments; `label`
    /// ("10k", "1M") names them.
    public static func register(instruments: Int, label: String) {
        let whole = wholeNetworkConfiguration(instruments: instruments)
        let perChain = Benchmark.Configuration(
            metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds,
            warmupIterations: 100, maxDuration: .seconds(10), maxIterations: 10_000)

        Benchmark("JSON load \(label)", configuration: whole) { benchmark, files in
            benchmark.startMeasurement()
            blackHole(try DatasetLoader.load(files.datasetPath).network.recordCount)
        } setup: {
            try GeneratedNetwork.prepared(instruments: instruments)
        }

        Benchmark("Snapshot load \(label)", configuration: whole) { benchmark, files in
            benchmark.startMeasurement()
            blackHole(try DatasetLoader.load(files.snapshotPath).network.recordCount)
        } setup: {
            try GeneratedNetwork.prepared(instruments: instruments)
        }

        Benchmark("Soundness + uncertainty pass \(label)", configuration: whole) { _, fixture in
            blackHole(TraceabilityAnalysis(network: fixture.network))
        } setup: {
            try LoadedFixture.shared(instruments: instruments)
        }

        Benchmark("validity(at:) all items \(label)", configuration: whole) { _, fixture in
            blackHole(fixture.analysis.validity(at: GeneratedNetwork.queryDay))
        } setup: {
            try LoadedFixture.shared(instruments: instruments)
        }

        Benchmark("chain(of:at:) \(label)", configuration: perChain) { benchmark, fixture in
            let item = fixture.sample[benchmark.currentIteration % fixture.sample.count]
            blackHole(fixture.analysis.chain(of: item, at: GeneratedNetwork.queryDay))
        } setup: {
            try LoadedFixture.shared(instruments: instruments)
        }

        // The national primary standard of mass, found out of tolerance on the query date:
        // as it has no calibration records, every use in the history is affected, and
        // everything calibrated since from what it reached — the largest impact there is.
        // What `chain` does after loading: settle only what one item's chains read.
        Benchmark(
            "analysis scoped to one item's chains \(label)",
            configuration: .init(
                metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
                maxDuration: .seconds(20), maxIterations: 50)
        ) { benchmark, fixture in
            let item = fixture.sample[benchmark.currentIteration % fixture.sample.count]
            let scoped = TraceabilityAnalysis(network: fixture.network, chainsOf: [item])
            blackHole(scoped.chain(of: item, at: GeneratedNetwork.queryDay))
        } setup: {
            try LoadedFixture.shared(instruments: instruments)
        }

        Benchmark("impact of a top-level standard \(label)", configuration: whole) { _, fixture in
            let standard = fixture.network.item(id: "A-mass")!
            blackHole(fixture.analysis.impact(of: standard, foundOutOfToleranceAt: GeneratedNetwork.queryDay,
                                              at: GeneratedNetwork.queryDay))
        } setup: {
            try LoadedFixture.shared(instruments: instruments)
        }

        Benchmark("DOT writing, one chain \(label)", configuration: perChain) { (benchmark: Benchmark, state: ChainsToDraw) in
            let chain = state.chains[benchmark.currentIteration % state.chains.count]
            blackHole(ChainDiagram.dot(chain, analysis: state.analysis, context: state.context))
        } setup: {
            let fixture = try LoadedFixture.shared(instruments: instruments)
            let chains = fixture.sample.prefix(1000).map {
                fixture.analysis.chain(of: $0, at: GeneratedNetwork.queryDay)
            }
            return ChainsToDraw(
                analysis: fixture.analysis, chains: chains, context: DiagramContext(datasetName: "generated \(label)"))
        }

        Benchmark("DOT text of one chain's graph \(label)", configuration: perChain) { (benchmark: Benchmark, graphs: [DOTGraph]) in
            blackHole(graphs[benchmark.currentIteration % graphs.count].text)
        } setup: {
            let fixture = try LoadedFixture.shared(instruments: instruments)
            let context = DiagramContext(datasetName: "generated \(label)")
            return fixture.sample.prefix(1000).map {
                ChainDiagram.graph(fixture.analysis.chain(of: $0, at: GeneratedNetwork.queryDay), analysis: fixture.analysis, context: context)
            }
        }
    }

    /// Chains computed ahead, so that only DOT writing is measured.
    private struct ChainsToDraw {
        let analysis: TraceabilityAnalysis
        let chains: [Chain]
        let context: DiagramContext
    }

    /// Whole-network operations take seconds at 1M instruments: few iterations, no warm-up.
    private static func wholeNetworkConfiguration(instruments: Int) -> Benchmark.Configuration {
        let iterations = instruments >= 1_000_000 ? 3 : instruments >= 100_000 ? 5 : 20
        return Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
            timeUnits: .milliseconds, warmupIterations: 0,
            maxDuration: .seconds(300), maxIterations: iterations)
    }
}
