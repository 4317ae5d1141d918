// swift-tools-version: 6.1
// The benchmarks of MetroTrace, a package of their own so that `swift test` in the
// product never builds the harness. Run from this folder: `swift package benchmark`.
import PackageDescription

/// One benchmark executable: its sources live in `Benchmarks/<name>/`.
func benchmarkTarget(_ name: String, extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            "BenchmarkFixtures",
            .product(name: "Benchmark", package: "benchmark"),
        ] + extra,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "MetroTraceBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "MetroTrace", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "MetroTrace", package: "MetroTrace"),
                .product(name: "MetroTraceIO", package: "MetroTrace"),
                .product(name: "MetroTraceGraphviz", package: "MetroTrace"),
                .product(name: "Benchmark", package: "benchmark"),
            ]
        ),
        benchmarkTarget("Scale10k"),
        benchmarkTarget("Scale100k"),
        benchmarkTarget("Scale1M"),
        // MetroTrace's side of the peer comparison (peers/run.sh).
        .executableTarget(
            name: "PeerRunner",
            dependencies: [
                .product(name: "MetroTrace", package: "MetroTrace"),
                .product(name: "MetroTraceIO", package: "MetroTrace"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
