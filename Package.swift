// swift-tools-version:6.0
import PackageDescription

// Layers run one way: policy-search (CLI) → PolicySearch (queries, BM25, snippets)
// → PolicyIndex (on-disk format, writer, reader) → PolicyAnalysis (decoding,
// passages, normalization, segmentation) → CICU (the C shim over the system ICU);
// PolicyIndex also uses CZstd (a C shim over the system libzstd) for stored text.
let package = Package(
    name: "policy-search",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "policy-search", targets: ["policy-search"]),
        .library(name: "PolicySearch", targets: ["PolicySearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // The system libraries, with the packages that provide them: on a
        // machine without them SwiftPM names the package to install.
        .systemLibrary(name: "SystemICU", pkgConfig: "icu-uc", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "SystemZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CICU",
            dependencies: ["SystemICU"],
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "CZstd",
            dependencies: ["SystemZstd"],
            linkerSettings: [.linkedLibrary("zstd")]
        ),
        // Inflating a zip entry's deflate stream in one call (ZIPFoundation's
        // Linux reading loops forever on a stream that never ends).
        .target(
            name: "CInflate",
            dependencies: ["SystemZlib"],
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(
            name: "PolicyAnalysis",
            dependencies: [
                "CICU", "CInflate", .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "PolicyIndex",
            dependencies: ["PolicyAnalysis", "CZstd", "CInflate"]
        ),
        .target(
            name: "PolicySearch",
            dependencies: [
                "PolicyIndex", "PolicyAnalysis",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The local web app (`policy-search serve`): routes, HTML pages, the JSON API.
        .target(
            name: "PolicyServer",
            dependencies: [
                "PolicySearch", "PolicyIndex", "PolicyAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "policy-search",
            dependencies: [
                "PolicySearch", "PolicyIndex", "PolicyAnalysis", "PolicyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Rainbow keeps its on/off switch in a global; Swift 5 mode lets the
            // single-threaded CLI set it.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Helpers shared by the test targets (temporary folders, a seeded generator).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "PolicyAnalysisTests",
            dependencies: ["PolicyAnalysis", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "PolicyIndexTests", dependencies: ["PolicyIndex", "PolicyAnalysis", "TestSupport"]),
        .testTarget(name: "PolicySearchTests", dependencies: ["PolicySearch", "PolicyIndex", "PolicyAnalysis", "TestSupport",
                                                             .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "PolicyServerTests",
            dependencies: [
                "PolicyServer", "PolicySearch", "PolicyIndex", "PolicyAnalysis", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "PolicySearchCLITests",
            dependencies: ["policy-search", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ]
)
