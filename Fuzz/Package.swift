// swift-tools-version:6.1
// libFuzzer targets for peersearch. Build and run with scripts/fuzz.sh (needs -sanitize=fuzzer).
import PackageDescription

let package = Package(
    name: "PeerSearchFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "PeerSearchFuzzer",
            dependencies: [
                .product(name: "PeerSearchCore", package: "main"),
                .product(name: "Ingestion", package: "main"),
            ]
        ),
    ]
)
