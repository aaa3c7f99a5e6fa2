// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "swift-dagster",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Dagster", targets: ["Dagster"]),
        .library(name: "DagsterCLI", targets: ["DagsterCLI"]),
        .library(name: "DagsterTesting", targets: ["DagsterTesting"]),
        .executable(name: "quickstart", targets: ["quickstart"]),
        .executable(name: "dagster-bench", targets: ["dagster-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "DagsterCore",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strict),
        .target(
            name: "DagsterConfig",
            dependencies: ["DagsterCore", "Yams", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strict),
        .target(
            name: "DagsterDefinitions",
            dependencies: ["DagsterCore", "DagsterConfig"],
            swiftSettings: strict),
        .target(
            name: "DagsterStorage",
            dependencies: ["DagsterCore"],
            swiftSettings: strict),
        .target(
            name: "DagsterSQLite",
            dependencies: [
                "DagsterCore", "DagsterStorage", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "DagsterExecution",
            dependencies: ["DagsterCore", "DagsterConfig", "DagsterDefinitions", "DagsterStorage", "DagsterSQLite"],
            swiftSettings: strict),
        .target(
            name: "Dagster",
            dependencies: [
                "DagsterCore", "DagsterConfig", "DagsterDefinitions", "DagsterStorage", "DagsterSQLite", "DagsterExecution",
            ],
            swiftSettings: strict),
        .target(
            name: "DagsterTesting",
            dependencies: ["Dagster"],
            swiftSettings: strict),
        .target(
            name: "DagsterCLI",
            dependencies: ["Dagster", "DagsterSQLite", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        .executableTarget(
            name: "quickstart",
            dependencies: ["Dagster", "DagsterCLI"],
            path: "Examples/quickstart",
            resources: [.copy("orders.csv")],
            swiftSettings: strict),
        .executableTarget(
            name: "dagster-bench",
            dependencies: ["Dagster", "DagsterCLI"],
            path: "Benchmarks/dagster-bench",
            swiftSettings: strict),
        .executableTarget(
            name: "test-code-location",
            dependencies: ["Dagster", "DagsterCLI"],
            path: "Tests/TestCodeLocation",
            swiftSettings: strict),
        .testTarget(
            name: "DagsterConfigTests",
            dependencies: ["DagsterConfig", "DagsterCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "DagsterDefinitionsTests",
            dependencies: ["DagsterDefinitions", "DagsterCore", "DagsterConfig"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "DagsterStorageTests",
            dependencies: [
                "DagsterStorage", "DagsterSQLite", "DagsterCore", "DagsterTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "DagsterExecutionTests",
            dependencies: ["Dagster", "DagsterTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "DagsterCLITests",
            dependencies: ["DagsterCLI", "DagsterTesting", "test-code-location"],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
