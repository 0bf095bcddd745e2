// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "peersearch",
    platforms: [.macOS(.v14)],  // Hummingbird 2 needs macOS 14
    products: [
        .executable(name: "peersearch", targets: ["peersearch"]),
        // For the fuzzing package in Fuzz/ (and other tools built on peersearch).
        .library(name: "PeerSearchCore", targets: ["PeerSearchCore"]),
        .library(name: "Ingestion", targets: ["Ingestion"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "PeerSearchServer", targets: ["PeerSearchServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SHA-256, the key of cached OCR text (already in the build through Hummingbird's dependencies).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Thin extern "C" shim over libxapian: every C++ exception becomes an error value.
        .target(
            name: "CXapianShim",
            path: "Sources/CXapianShim",
            linkerSettings: [.linkedLibrary("xapian"), .linkedLibrary("stdc++")]
        ),
        // Swift owners of Xapian handles; typed errors; no raw pointers in the API.
        .target(name: "Xapian", dependencies: ["CXapianShim"]),
        // libxml2's HTML parser (Debian libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libzip, for the zip containers of .docx and .odt (Debian libzip-dev).
        .systemLibrary(
            name: "CLibZip",
            path: "Sources/CLibZip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]
        ),
        // GMime 3 (Debian libgmime-3.0-dev), the MIME library e-mail (.eml, .mbox) is read with.
        .systemLibrary(
            name: "CGMime",
            path: "Sources/CGMime",
            pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        // A few plain C functions over GMime (parse a message or an mbox, decoded headers and
        // parts), so Swift never handles GObjects.
        .target(name: "CMailParsing", dependencies: ["CGMime"], path: "Sources/CMailParsing"),
        // The Danish analyser: tokens, folding, compounds, and stems (Xapian's Snowball stemmer).
        // One analyser makes the terms of documents and of queries.
        .target(name: "Analysis", dependencies: ["Xapian"]),
        // File readers (txt, md, html, pdf, docx, odt, epub, rtf, doc, eml, mbox, images through OCR) behind one registry; no Xapian.
        .target(name: "Ingestion", dependencies: ["CLibXML2", "CLibZip", "CMailParsing", .product(name: "Crypto", package: "swift-crypto")]),
        // Linux's renameat2(RENAME_EXCHANGE): an index rebuilt beside the old one is swapped in at once.
        .target(name: "CRenameExchange", path: "Sources/CRenameExchange"),
        // Indexing and searching: the term scheme, query building, passages.
        .target(name: "PeerSearchCore", dependencies: [
            "Analysis", "Ingestion", "Xapian", "CRenameExchange", .product(name: "CSV", package: "CSV.swift"),
        ]),
        // The HTTP API (`peersearch serve`): search, articles, uploads, health, OpenAPI document;
        // and the search page (Web/).
        .target(
            name: "PeerSearchServer",
            dependencies: [
                "PeerSearchCore", "Analysis", "Ingestion",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The search page's templates and static files, built into the binary by
            // scripts/embed-web.sh (Web/WebAssets.swift).
            exclude: ["Web/templates", "Web/static"]
        ),
        .executableTarget(
            name: "peersearch",
            dependencies: ["PeerSearchCore", "PeerSearchServer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // jemalloc (Debian libjemalloc-dev) replaces glibc's malloc: the writer frees what
            // the analysing threads allocated, which glibc's per-thread arenas handle slowly.
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        .testTarget(name: "XapianTests", dependencies: ["Xapian"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Ingestion"]),
        .testTarget(name: "IngestionTests", dependencies: ["Ingestion", "CLibZip"]),
        .testTarget(name: "PeerSearchCoreTests", dependencies: ["PeerSearchCore", "Analysis", "Ingestion"]),
        .testTarget(name: "CLITests", dependencies: ["peersearch", "PeerSearchCore", "Xapian"]),
        .testTarget(name: "ServerTests", dependencies: ["peersearch", "PeerSearchServer"]),
    ],
    cxxLanguageStandard: .cxx17
)
