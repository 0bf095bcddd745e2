// swift-tools-version:6.1
// Micro benchmarks of peersearch's analyser and readers, with ordo-one/benchmark. A package of its
// own, so that the main package (and CI) never fetch or build the benchmark framework.
//
//   benchmarks/micro.sh                      # from the project root: both parts below
//   swift package --package-path benchmarks/micro --scratch-path benchmarks/micro/.build benchmark
//   swift run --package-path benchmarks/micro --scratch-path benchmarks/micro/.build -c release AnalyzerThroughput
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, whatever the clone is called.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "PeerSearchBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The benchmark text (Danish man pages and the two seed articles, ~5 MB) and test files.
        .target(name: "BenchmarkText", path: "Sources/BenchmarkText"),
        // ordo-one/benchmark suite; the plugin finds executable targets under Benchmarks/.
        .executableTarget(
            name: "AnalyzerBenchmarks",
            dependencies: [
                "BenchmarkText",
                .product(name: "Analysis", package: parent), .product(name: "Ingestion", package: parent),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/AnalyzerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A plain timer: tokens/s and MB/s of DanishAnalyzer over the benchmark text, one line each.
        .executableTarget(
            name: "AnalyzerThroughput",
            dependencies: ["BenchmarkText", .product(name: "Analysis", package: parent), .product(name: "Ingestion", package: parent)],
            path: "Sources/AnalyzerThroughput"
        ),
    ]
)
