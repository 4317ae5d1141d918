import Foundation
import MetroTrace
import MetroTraceIO

/// A synthetic network written by ``NetworkGenerator`` as a JSON dataset and compiled to
/// a snapshot, kept on disk between benchmark runs.
///
/// Files live in `$METROTRACE_BENCHMARK_DATA`, else in `metrotrace-benchmarks` under the
/// temporary folder. They are made on first use (about 10 s of generation and 25 s of
/// compilation at 1M instruments); delete the folder after changing the generator.
public struct GeneratedNetwork: Sendable {
    /// How many instruments the generator was asked for.
    public let instruments: Int
    /// Years of recalibration history.
    public static let years = 3
    /// The generator's seed.
    public static let seed: UInt64 = 1
    /// The day the queries ask about: the last day of the generated history.
    public static let queryDay = Day(year: 2026, month: 12, day: 31)!

    /// The JSON dataset.
    public let datasetPath: String
    /// The `.mtnet` snapshot compiled from it.
    public let snapshotPath: String

    /// The network of `instruments` instruments, generated and compiled when missing.
    public static func prepared(instruments: Int) throws -> GeneratedNetwork {
        let folder = dataFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stem = "\(folder)/generated-\(instruments)-\(years)y-seed\(seed)"
        let network = GeneratedNetwork(
            instruments: instruments, datasetPath: stem + ".json", snapshotPath: stem + ".mtnet")
        try network.makeMissingFiles()
        return network
    }

    /// Loads the snapshot.
    public func load() throws -> Network { try DatasetLoader.load(snapshotPath).network }

    private func makeMissingFiles() throws {
        let files = FileManager.default
        if !files.fileExists(atPath: datasetPath) {
            let generator = try NetworkGenerator(
                instruments: instruments, years: Self.years, seed: Self.seed, end: Self.queryDay)
            let partial = datasetPath + ".partial"
            var sink = try FileSink(path: partial)
            generator.write(to: &sink)
            try sink.close()
            try files.moveItem(atPath: partial, toPath: datasetPath)
            try? files.removeItem(atPath: snapshotPath)
        }
        // A snapshot of an older format version is refused on load: compile it again.
        if !files.fileExists(atPath: snapshotPath) || (try? load()) == nil {
            let network = try DatasetLoader.load(datasetPath).network
            try DatasetLoader.writeSnapshot(of: network, to: snapshotPath)
        }
    }

    private static func dataFolder() -> String {
        if let folder = ProcessInfo.processInfo.environment["METROTRACE_BENCHMARK_DATA"], !folder.isEmpty {
            return folder
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("metrotrace-benchmarks").path
    }
}

extension Network {
    /// The instruments (items of kind `instrument`), in index order.
    public var instruments: [ItemIndex] { itemIndices.filter { kind(of: $0) == .instrument } }
}
