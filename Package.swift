// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MetroTrace",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MetroTrace", targets: ["MetroTrace"]),
        .library(name: "MetroTraceIO", targets: ["MetroTraceIO"]),
        .library(name: "MetroTraceGraphviz", targets: ["MetroTraceGraphviz"]),
        .library(name: "MetroTraceStore", targets: ["MetroTraceStore"]),
        .executable(name: "metrotrace", targets: ["metrotrace"]),
    ],
    traits: [
        .trait(
            name: "PostgreSQL",
            description: """
                The store's shared backend (postgres-nio and SwiftNIO). On by default; builds that \
                test only the loaders, diagrams and commands (AddressSanitizer, fuzzing) leave it out \
                with --disable-default-traits, and a postgres:// store is then refused with the reason.
                """),
        .default(enabledTraits: ["PostgreSQL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The store's embedded backend: SQLite (Debian's libsqlite3) in WAL mode.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The store's shared backend: a PostgreSQL server, through postgres-nio (and the
        // SwiftNIO, TLS and logging packages it brings, named here for their modules).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
        // `swift package generate-documentation` (the DocC catalogs); a plugin only, it adds
        // nothing to the products.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "MetroTrace",
            resources: [
                .embedInCode("Localization/Resources/en.strings"),
                .embedInCode("Localization/Resources/zh-Hans.strings"),
            ]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "MetroTraceIO", dependencies: ["MetroTrace", "CLibXML2"]),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .target(name: "MetroTraceGraphviz", dependencies: ["MetroTrace", "CGraphviz"]),
        .target(
            name: "MetroTraceStore",
            dependencies: [
                "MetroTrace", "MetroTraceIO", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["PostgreSQL"])),
            ]),
        .executableTarget(
            name: "metrotrace",
            dependencies: [
                "MetroTrace", "MetroTraceIO", "MetroTraceGraphviz", "MetroTraceStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MetroTraceTests", dependencies: ["MetroTrace"]),
        .testTarget(name: "MetroTraceIOTests", dependencies: ["MetroTrace", "MetroTraceIO"]),
        .testTarget(name: "MetroTraceStoreTests", dependencies: ["MetroTrace", "MetroTraceIO", "MetroTraceStore"]),
        .testTarget(
            name: "MetroTraceGraphvizTests", dependencies: ["MetroTrace", "MetroTraceIO", "MetroTraceGraphviz"]),
        .testTarget(
            name: "metrotraceTests", dependencies: ["metrotrace", "MetroTrace", "MetroTraceIO"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
