// swift-tools-version:6.0
import PackageDescription

// Fuzz targets, a package of their own so that `swift test` of the main
// package never builds or runs them. Build and run one with Fuzz/run.sh.
// One executable per kind of input; FuzzSupport holds what they share (the
// libFuzzer driver call, a stored-ZIP writer, the corpus location).
let fuzzTargets: [(name: String, needs: [Target.Dependency])] = [
    ("FuzzQueryParser", [.product(name: "PolicySearch", package: "policy-search")]),
    ("FuzzDocumentExtractor", [.product(name: "PolicySearch", package: "policy-search")]),
    ("FuzzHTMLExtractor", [.product(name: "PolicySearch", package: "policy-search")]),
    ("FuzzDOCXExtractor", [.product(name: "PolicySearch", package: "policy-search")]),
    ("FuzzPDFTextRepair", [.product(name: "PolicySearch", package: "policy-search")]),
    ("FuzzUserDictionary", [.product(name: "PolicySearch", package: "policy-search")]),
    ("FuzzSegmentReader", [.product(name: "PolicySearch", package: "policy-search")]),
]

let package = Package(
    name: "policy-search-fuzz",
    dependencies: [
        .package(name: "policy-search", path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // ZIPFoundation for the CRC-32 of the stored-ZIP writer (the index's own is internal).
        .target(name: "FuzzSupport", dependencies: [.product(name: "PolicySearch", package: "policy-search"),
                                                    .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ] + fuzzTargets.map { .executableTarget(name: $0.name, dependencies: ["FuzzSupport"] + $0.needs) }
)
