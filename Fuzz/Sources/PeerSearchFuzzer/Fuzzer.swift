import Analysis
import Foundation
import Ingestion
import PeerSearchCore
import PeerSearchServer

/// One libFuzzer input: its first byte picks what to feed, the rest is the input.
///
/// - 0: a query, searched in a small real index (query syntax, compiler, quote ladder, passages)
/// - 1: bytes read as a text file (decoding, metadata, the analyser)
/// - 2: bytes read as HTML (libxml2 and the text walk)
/// - 3: bytes read as Markdown
/// - 4: a `GET /search` query string, read as the server reads it (then searched if it is valid)
/// - 5: a `POST /articles` body, read as the server reads it: a form (multipart-kit's parser)
///   when it starts with `--boundary` and a line break, else JSON
/// - 6, 7, 8: bytes read as a Word (.docx), OpenDocument (.odt) or EPUB file (libzip, libxml2):
///   hostile zips (bombs, truncated, encrypted, lying sizes) must be refused, never crash
/// Queries over the query language's limits (length, depth, words in a phrase or NEAR) must be
/// refused with an error, never crash, and answer quickly: libFuzzer's -timeout catches a slow one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    switch start[0] % 9 {
    case 4:
        if case .success(let query) = RequestParsing.searchParameters(queryString: String(decoding: bytes, as: UTF8.self)) {
            _ = try? FuzzIndex.searcher.search(query, limit: 5)
        }
    case 5:
        if bytes.starts(with: [0x2D, 0x2D]), let lineEnd = bytes.prefix(80).firstIndex(of: 0x0D) {
            let boundary = String(decoding: bytes[2..<lineEnd], as: UTF8.self)
            _ = RequestParsing.formUpload(body: bytes, contentType: "multipart/form-data; boundary=\(boundary)")
        } else {
            _ = RequestParsing.upload(body: bytes)
        }
    case 6:
        _ = try? ArticleLoader().load(bytes: bytes, format: .docx, id: "fuzz.docx")
    case 7:
        _ = try? ArticleLoader().load(bytes: bytes, format: .odt, id: "fuzz.odt")
    case 8:
        _ = try? ArticleLoader().load(bytes: bytes, format: .epub, id: "fuzz.epub")
    case 0:
        _ = try? FuzzIndex.searcher.search(String(decoding: bytes, as: UTF8.self), limit: 5)
    case 1:
        if let article = try? ArticleLoader().load(bytes: bytes, format: .text, id: "fuzz.txt") {
            _ = FuzzIndex.analyzer.tokens(in: article.text)
        }
    case 2:
        _ = try? ArticleLoader().load(bytes: bytes, format: .html, id: "fuzz.html")
    case 3:
        _ = try? ArticleLoader().load(bytes: bytes, format: .markdown, id: "fuzz.md")
    default:
        break
    }
    return 0
}

/// A small index of the sample corpus, built once per fuzzing process.
enum FuzzIndex {
    nonisolated(unsafe) static let analyzer = try! DanishAnalyzer()
    nonisolated(unsafe) static let searcher: Searcher = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-fuzz-\(getpid())").path
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path
        var options = Indexer.Options()
        // A small word list: loading Debian's 313,000 words under coverage instrumentation is slow.
        options.decompounder = Decompounder(words: ["social", "psykiatrien", "partnerskab", "projektet", "peer", "medarbejder"])
        _ = try! Indexer(indexPath: folder, options: options).run(paths: [corpus])
        return try! Searcher(indexPath: folder)
    }()
}

/// SwiftPM links an executable's entry point as `<module>_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("PeerSearchFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = FuzzIndex.searcher  // Build the index before libFuzzer starts timing inputs.
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, size in fuzz(start, size) }
}
