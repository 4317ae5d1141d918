// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MetroTrace",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MetroTrace", targets: ["MetroTrace"]),
        .library(name: "MetroTraceIO", targets: ["MetroTraceIO"]),
        .executable(name: "metrotrace", targets: ["metrotrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .target(name: "MetroTrace"),
        .target(name: "MetroTraceIO", dependencies: ["MetroTrace"]),
        .executableTarget(
            name: "metrotrace",
            dependencies: [
                "MetroTrace", "MetroTraceIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MetroTraceTests", dependencies: ["MetroTrace"]),
        .testTarget(name: "MetroTraceIOTests", dependencies: ["MetroTrace", "MetroTraceIO"]),
        .testTarget(name: "metrotraceTests", dependencies: ["metrotrace"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
