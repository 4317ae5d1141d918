import MetroTrace
import MetroTraceIO

/// What every fuzz target does with a network its loader accepted: the queries users
/// run, so that a loader that lets through something the analysis cannot take is found.
public enum Exercise {
    /// A day inside the range the generated and sample data use.
    static let day = Day(iso: "2026-06-30")!

    /// Analyses `network` and queries every item (only small networks: the fuzzer's
    /// inputs are a few kilobytes).
    public static func network(_ network: Network) {
        guard network.recordCount <= 5_000 else { return }
        let analysis = network.analysis()
        _ = analysis.validity(at: day)
        for item in network.itemIndices {
            _ = analysis.chain(of: item, at: day)
            _ = analysis.uncertainty(of: item, at: day)
            _ = analysis.findings(of: item, at: day)
        }
        _ = NetworkSnapshot.encode(network)
    }

    /// Builds what a loader gave a builder, and exercises the network when it builds.
    public static func build(_ builder: inout NetworkBuilder) {
        guard let network = try? builder.build() else { return }
        Self.network(network)
    }
}
