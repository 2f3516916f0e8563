// swift-tools-version:6.0
import PackageDescription

// Fuzz targets, a package of their own so that `swift test` of the main
// package never builds or runs them. Build and run one with Fuzz/run.sh.
let package = Package(
    name: "policy-search-fuzz",
    dependencies: [.package(name: "policy-search", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzQueryParser",
            dependencies: [.product(name: "PolicySearch", package: "policy-search")]
        ),
        .executableTarget(
            name: "FuzzDocumentExtractor",
            dependencies: [.product(name: "PolicySearch", package: "policy-search")]
        ),
    ]
)
