// swift-tools-version:6.1
// The client conformance test: a client generated at build time from the repository's
// schema/openapi.yaml by Apple's swift-openapi-generator (its build plugin), and a program that
// drives the real `peersearch serve` through every operation with it (scripts/test-client-conformance.sh).
// Its own package, so the main build never needs the generator.
import PackageDescription

let package = Package(
    name: "ClientConformance",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The generated client: Sources/PeerSearchClient/openapi.yaml is a link to schema/openapi.yaml.
        .target(
            name: "PeerSearchClient",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "client-conformance",
            dependencies: [
                "PeerSearchClient",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
