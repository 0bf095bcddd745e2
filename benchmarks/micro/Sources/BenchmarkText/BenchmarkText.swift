import Foundation

/// The inputs of the micro benchmarks: a large Danish text and a few real files.
///
/// The text is the Danish man pages of the shared corpus (`../shared/corpus/docs/manpages-da`,
/// 202 files, formatted text with lines wrapped as `man` prints them) followed by the two peer-work
/// articles in `Corpus/`, repeated until it reaches `BENCH_TEXT_MB` MB (5 by default). Without
/// `../shared` (or `PEERSEARCH_SHARED`), the two articles alone are repeated.
public enum BenchmarkText {
    /// The project root: this file is `<root>/benchmarks/micro/Sources/BenchmarkText/BenchmarkText.swift`.
    public static let projectRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url
    }()

    /// `$PEERSEARCH_SHARED`, else `../shared` beside the project.
    public static let sharedDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["PEERSEARCH_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// The corpus documents folder of the shared data.
    public static var corpusDocuments: URL { sharedDirectory.appendingPathComponent("corpus/docs") }

    /// Target size of `danishText` in bytes (`BENCH_TEXT_MB`, default 5).
    public static let targetBytes: Int = {
        let megabytes = ProcessInfo.processInfo.environment["BENCH_TEXT_MB"].flatMap(Double.init) ?? 5
        return max(1, Int(megabytes * 1_000_000))
    }()

    /// Where the text came from, for the report.
    public static var sourceDescription: String { built.description }

    /// The benchmark text, at least `targetBytes` UTF-8 bytes, built once.
    public static var danishText: String { built.text }

    private static let built: (text: String, description: String) = {
        var files: [URL] = []
        var labels: [String] = []
        let manpages = corpusDocuments.appendingPathComponent("manpages-da")
        let found = textFiles(under: manpages)
        if !found.isEmpty {
            files += found
            labels.append("\(found.count) man pages of manpages-da")
        }
        let corpus = textFiles(under: projectRoot.appendingPathComponent("Corpus"))
        if !corpus.isEmpty {
            files += corpus
            labels.append("\(corpus.count) articles of Corpus/")
        }
        let pieces = files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }.filter { !$0.isEmpty }
        guard !pieces.isEmpty else {
            fatalError("no Danish text found under \(manpages.path) or \(projectRoot.path)/Corpus")
        }
        let round = pieces.joined(separator: "\n\n")
        var text = ""
        text.reserveCapacity(targetBytes + round.utf8.count)
        var copies = 0
        while text.utf8.count < targetBytes {
            if !text.isEmpty { text += "\n\n" }
            text += round
            copies += 1
        }
        let megabytes = Double(text.utf8.count) / 1e6
        let description = labels.joined(separator: " + ") + String(format: " (%.2f MB) × %d = %.2f MB", Double(round.utf8.count) / 1e6, copies, megabytes)
        return (text, description)
    }()

    /// The first `bytes` bytes of `danishText`, cut at a line break (an article-sized piece).
    public static func danishPrefix(bytes: Int) -> String {
        let utf8 = Array(danishText.utf8.prefix(bytes))
        let end = utf8.lastIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    /// A real HTML file of the shared corpus: the Debian Edu manual (one 282 KB page), else a
    /// LibreOffice help page, else an HTML page written from the `Corpus/` articles.
    public static let largeHTMLFile: String = {
        let candidates = [
            "debian-edu-doc-da/debian-edu-bullseye-manual.html",
        ].map { corpusDocuments.appendingPathComponent($0).path }
        if let path = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) { return path }
        return writtenHTML(name: "large")
    }()

    /// A typical small HTML file: the largest LibreOffice help page under 16 KB, else a written one.
    public static let smallHTMLFile: String = {
        let folder = corpusDocuments.appendingPathComponent("libreoffice-help-da")
        let pages = files(under: folder, extensions: ["html"])
            .compactMap { url -> (String, Int)? in
                let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
                return size > 0 && size < 16_384 ? (url.path, size) : nil
            }
        if let page = pages.max(by: { ($0.1, $1.0) < ($1.1, $0.0) }) { return page.0 }
        return writtenHTML(name: "small")
    }()

    /// A plain-text article: the first file of `Corpus/`.
    public static let textArticleFile: String = {
        guard let file = textFiles(under: projectRoot.appendingPathComponent("Corpus")).first else {
            fatalError("no .txt file in \(projectRoot.path)/Corpus")
        }
        return file.path
    }()

    private static func writtenHTML(name: String) -> String {
        let body = danishPrefix(bytes: name == "large" ? 280_000 : 12_000)
            .components(separatedBy: "\n\n")
            .map { "<p>\($0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</p>" }
            .joined(separator: "\n")
        let html = "<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>Benchmark</title></head>\n<body>\n\(body)\n</body></html>\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-bench-\(name)-\(getpid()).html")
        try? html.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private static func textFiles(under folder: URL) -> [URL] {
        files(under: folder, extensions: ["txt"])
    }

    private static func files(under folder: URL, extensions: Set<String>) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else {
            return []
        }
        var found: [URL] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }
}

/// Wall-clock seconds of `work`.
public func secondsTaken(_ work: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try work()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
