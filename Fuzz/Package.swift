// swift-tools-version:6.1
// libFuzzer targets for peersearch. Build and run with scripts/fuzz.sh (needs -sanitize=fuzzer).
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, whatever the clone is called.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "PeerSearchFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "PeerSearchFuzzer",
            dependencies: [
                .product(name: "PeerSearchCore", package: parent),
                .product(name: "Ingestion", package: parent),
                .product(name: "Analysis", package: parent),
                .product(name: "PeerSearchServer", package: parent),
            ]
        ),
    ]
)
