// swift-tools-version: 6.1
// libFuzzer targets for MetroTrace's loaders, a package of their own so that the main
// package's `swift test` never builds them. Built and run by scripts/fuzz.sh with
// `--sanitize=fuzzer --sanitize=address`; see docs/robustness.md.
import PackageDescription

let package = Package(
    name: "MetroTraceFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "MetroTrace", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "MetroTrace", package: "MetroTrace"),
                .product(name: "MetroTraceIO", package: "MetroTrace"),
            ]),
        .executableTarget(name: "FuzzJSONDataset", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzCSVTables", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzDCC", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzSnapshot", dependencies: ["FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
