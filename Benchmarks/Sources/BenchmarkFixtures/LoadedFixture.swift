import Foundation
import MetroTrace
import Synchronization

/// The generated network of one size, its analysis and a fixed sample of instruments,
/// loaded once per benchmark process and shared by the query benchmarks, so that their
/// memory figures are not inflated by copies.
public struct LoadedFixture: Sendable {
    public let files: GeneratedNetwork
    public let network: Network
    public let analysis: TraceabilityAnalysis
    /// Instruments in a fixed pseudo-random order, for per-chain benchmarks.
    public let sample: [ItemIndex]

    private static let cache = Mutex<[Int: LoadedFixture]>([:])

    /// The fixture of `instruments` instruments, prepared and loaded on first use.
    public static func shared(instruments: Int) throws -> LoadedFixture {
        try cache.withLock { cache in
            if let fixture = cache[instruments] { return fixture }
            let files = try GeneratedNetwork.prepared(instruments: instruments)
            let network = try files.load()
            let fixture = LoadedFixture(
                files: files, network: network, analysis: TraceabilityAnalysis(network: network),
                sample: shuffledSample(of: network.instruments, count: 10_000))
            cache[instruments] = fixture
            return fixture
        }
    }

    /// `count` instruments in a fixed pseudo-random order.
    private static func shuffledSample(of items: [ItemIndex], count: Int) -> [ItemIndex] {
        var random = SeededRandom(seed: 20_261_126)
        return Array(items.shuffled(using: &random).prefix(count))
    }
}
