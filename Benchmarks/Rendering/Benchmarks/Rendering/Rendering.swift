import Benchmark
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// The DOT text of the longest traceability chain in the bundled sample network.
func deepestSampleChainDOT() throws -> String {
    // This file is <repository>/Benchmarks/Rendering/Benchmarks/Rendering/Rendering.swift.
    var repository = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { repository.deleteLastPathComponent() }
    let loaded = try DatasetLoader.load(repository.appendingPathComponent("data/sample").path)
    let analysis = loaded.network.analysis()
    let day = Day(year: 2026, month: 11, day: 26)!
    let chain = loaded.network.itemIndices
        .map { analysis.chain(of: $0, at: day) }
        .max { $0.links.count < $1.links.count }!
    return ChainDiagram.dot(chain, analysis: analysis, context: DiagramContext(datasetName: loaded.network.name))
}

/// Runs `dot -Tsvg` with `text` on its standard input and returns what it printed.
func spawnDot(_ text: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["dot", "-Tsvg"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    // dot reads all of its input before it writes, so writing first cannot deadlock.
    try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    try input.fileHandleForWriting.close()
    let svg = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, !svg.isEmpty else { throw SpawnError() }
    return svg
}

struct SpawnError: Error, CustomStringConvertible {
    var description: String { "dot -Tsvg failed (is Graphviz's dot on PATH?)" }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal], timeUnits: .microseconds,
        warmupIterations: 3, maxDuration: .seconds(15), maxIterations: 300)

    Benchmark("SVG of one chain, in-process libgvc", configuration: configuration) { _, dot in
        blackHole(try GraphvizRenderer.shared.render(dot: dot, format: .svg))
    } setup: {
        try deepestSampleChainDOT()
    }

    Benchmark("SVG of one chain, spawning dot", configuration: configuration) { _, dot in
        blackHole(try spawnDot(dot))
    } setup: {
        try deepestSampleChainDOT()
    }
}
