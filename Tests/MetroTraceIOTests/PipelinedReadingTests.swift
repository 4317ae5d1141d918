import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// Large datasets are read on two threads (``PipelinedSink``): the network, the
/// diagnostics and their order must be exactly those of reading on one.
@Suite("Reading on two threads")
struct PipelinedReadingTests {
    /// Reads `documents` (name, text) into a builder directly or through the pipeline.
    static func builder(_ documents: [(String, String)], pipelined: Bool) -> NetworkBuilder {
        var builder = NetworkBuilder()
        if pipelined {
            let pipeline = PipelinedSink(builder)
            var sink = pipeline
            for (name, text) in documents { DatasetLoader.read(bytes: Array(text.utf8), named: name, into: &sink) }
            builder = pipeline.finish()
        } else {
            for (name, text) in documents { DatasetLoader.read(bytes: Array(text.utf8), named: name, into: &builder) }
        }
        return builder
    }

    @Test("a generated network is the same, snapshot byte for byte")
    func sameNetwork() throws {
        let text = try NetworkGenerator(instruments: 3_000, years: 3, seed: 5).text()
        var directBuilder = Self.builder([("generated.json", text)], pipelined: false)
        var pipelinedBuilder = Self.builder([("generated.json", text)], pipelined: true)
        let direct = try directBuilder.build()
        let pipelined = try pipelinedBuilder.build()
        #expect(direct.recordCount > 9_000)
        let same = NetworkSnapshot.encode(direct) == NetworkSnapshot.encode(pipelined)
        #expect(same, "the networks' snapshots differ")
    }

    @Test("mistakes in several documents are reported the same, in the same order")
    func sameDiagnostics() throws {
        let mistakes = LoaderErrorTests.cases.prefix(12).enumerated().map { index, mistake in
            mistake.calibration.replacingOccurrences(of: "\"C1\"", with: "\"C\(index)\"")
        }
        let first = LoaderErrorTests.document(calibration: mistakes.prefix(6).joined(separator: ",\n"))
        let second = LoaderErrorTests.document(calibration: mistakes.dropFirst(6).joined(separator: ",\n"))
            .replacingOccurrences(of: "\"W\"", with: "\"W2\"")
        let documents = [("first.json", first), ("second.json", second), ("broken.json", "{\"metrotrace\": 1, ")]
        var direct = Self.builder(documents, pipelined: false)
        var pipelined = Self.builder(documents, pipelined: true)
        #expect(direct.log.errorCount > 10)
        #expect(direct.log.diagnostics == pipelined.log.diagnostics)
        let directError = #expect(throws: DatasetError.self) { try direct.build() }
        let pipelinedError = #expect(throws: DatasetError.self) { try pipelined.build() }
        #expect(directError?.log.diagnostics == pipelinedError?.log.diagnostics)
        // Each document keeps its own name in what is reported about it.
        #expect(
            Set(pipelinedError?.log.diagnostics.compactMap(\.file) ?? []) == [
                "first.json", "second.json", "broken.json",
            ])
    }

    @Test("the loader reads a folder of documents on two threads to the same network")
    func loaderFolder() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("metrotrace-pipelined-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try NetworkGenerator(instruments: 500, years: 2, seed: 9).text()
        try text.write(to: folder.appendingPathComponent("01-generated.json"), atomically: true, encoding: .utf8)
        let one = try DatasetLoader.load(folder.path, diagnosticLimit: 1000, pipelineThreshold: .max)
        let two = try DatasetLoader.load(folder.path, diagnosticLimit: 1000, pipelineThreshold: 0)
        let same = NetworkSnapshot.encode(one.network) == NetworkSnapshot.encode(two.network)
        #expect(same, "the networks' snapshots differ")
        #expect(one.warnings.diagnostics == two.warnings.diagnostics)
    }
}
