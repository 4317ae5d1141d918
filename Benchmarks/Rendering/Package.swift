// swift-tools-version: 6.1
// Rendering one traceability chain in-process through libgvc, against spawning `dot`.
//
// A package of its own because package-benchmark's malloc interposer cannot share a
// process with Graphviz: Graphviz's layout plugins free memory through glibc's
// versioned `free@GLIBC_2.2.5`, bypassing the interposer that allocated it with a size
// header, and glibc aborts ("double free or corruption"). So this package builds the
// harness without the interposer (no allocation counts) and measures wall clock only.
// Run from this folder: `swift package benchmark`.
import PackageDescription

let package = Package(
    name: "MetroTraceRenderingBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "MetroTrace", path: "../../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: []),
    ],
    targets: [
        .executableTarget(
            name: "Rendering",
            dependencies: [
                .product(name: "MetroTrace", package: "MetroTrace"),
                .product(name: "MetroTraceIO", package: "MetroTrace"),
                .product(name: "MetroTraceGraphviz", package: "MetroTrace"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Rendering",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
