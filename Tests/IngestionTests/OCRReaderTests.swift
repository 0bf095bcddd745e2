import Foundation
@testable import Ingestion
import Testing

/// The parts of OCR that need no Tesseract run: image sizes read from real PNG, JPEG and TIFF
/// headers (written by pdftoppm) and from hostile ones, the limits checked before decoding, a
/// PDF's pages split and joined around scanned ones, and the cache's files.
@Suite struct OCRReaderTests {
    let files: TemporaryFolder

    init() throws {
        files = try TemporaryFolder("ocr")
    }

    /// Page 2 of the seed PDF rendered by pdftoppm at 123 × 45 pixels in `format` (png, jpeg, tiff).
    private func rendered(_ format: String) throws -> [UInt8] {
        let base = files.url.appendingPathComponent(format).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftoppm", "-\(format)", "-f", "2", "-l", "2", "-singlefile", "-scale-to-x", "123", "-scale-to-y", "45",
                             OfficeReaderTests.fixture("seed.pdf"), base]
        try process.run()
        process.waitUntilExit()
        let written = try FileManager.default.contentsOfDirectory(atPath: files.url.path).first { $0.hasPrefix(format + ".") }
        return Array(try Data(contentsOf: files.url.appendingPathComponent(try #require(written))))
    }

    @Test(arguments: [("png", ArticleFormat.png), ("jpeg", .jpeg), ("tiff", .tiff)])
    func anImagesSizeIsReadFromItsHeader(tool: String, format: ArticleFormat) throws {
        let bytes = try rendered(tool)
        #expect(try ImageHeader(bytes, format: format, pageLimit: 10) == ImageHeader(width: 123, height: 45, pages: 1))
        #expect(ReaderRegistry.standard.reader(pathExtension: "", prefix: bytes.prefix(512)[...])?.format == format)
    }

    @Test func hostileHeadersAreRefusedOrBoundedWithoutCrashing() throws {
        let png = try rendered("png")
        #expect(throws: IngestionError.extractionFailed("not a PNG image (no IHDR header)")) {
            try ImageHeader(Array(png.prefix(20)), format: .png, pageLimit: 10)
        }
        // 4,294,967,295 pixels a side: the area does not overflow.
        var wide = png
        wide.replaceSubrange(16..<24, with: [UInt8](repeating: 0xFF, count: 8))
        #expect(try ImageHeader(wide, format: .png, pageLimit: 10).pixels == .max)
        #expect(throws: IngestionError.extractionFailed("not a JPEG image (no frame header)")) {
            try ImageHeader([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0, 0, 0xFF, 0xDA, 0, 2], format: .jpeg, pageLimit: 10)
        }
        // A TIFF whose image directory names itself as the next one: read once.
        let loop: [UInt8] = Array("II".utf8) + [42, 0, 8, 0, 0, 0] + [2, 0] + [0, 1, 3, 0, 1, 0, 0, 0, 100, 0, 0, 0]
            + [1, 1, 4, 0, 1, 0, 0, 0, 200, 0, 0, 0] + [8, 0, 0, 0]
        #expect(try ImageHeader(loop, format: .tiff, pageLimit: 10) == ImageHeader(width: 100, height: 200, pages: 1))
        #expect(throws: IngestionError.extractionFailed("truncated TIFF image (an image directory runs past its end)")) {
            try ImageHeader(Array(loop.prefix(20)), format: .tiff, pageLimit: 10)
        }
        #expect(throws: IngestionError.extractionFailed("BigTIFF images are not supported")) {
            try ImageHeader(Array("II".utf8) + [43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0], format: .tiff, pageLimit: 10)
        }
    }

    @Test func anImageOverTheLimitOrWithOCROffIsRefusedBeforeTesseract() throws {
        // Only the header of a 20,000 × 20,000 PNG: nothing would decode it.
        let header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + [0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 0, 0, 0, 0, 0, 0, 0, 0]
        let path = try files.write("kaempe.png", header)
        #expect(throws: IngestionError.extractionFailed("image of 20000 × 20000 pixels is over OCR's limit of 40 megapixels")) {
            try ArticleLoader().load(path: path)
        }
        #expect(throws: IngestionError.extractionFailed("image needs OCR; OCR is off (--no-ocr)")) {
            try ArticleLoader(ocr: OCRSettings(enabled: false)).load(path: path)
        }
    }

    @Test func aPDFsPagesAreSplitAndJoinedAsPdftotextWritesThem() {
        let text = "Side et\n\u{0C} \n\u{0C}3\n\u{0C}Side fire\n\u{0C}"
        let scan = ScannedPages(text: text)
        #expect(scan.pages == ["Side et\n", " \n", "3\n", "Side fire\n"])
        #expect(scan.withoutText == [2, 3])  // whitespace, or a page number alone
        #expect(scan.text == text)
        #expect(PageList.describe([2]) == "page 2")
        #expect(PageList.describe([1, 2, 3, 5, 7, 8]) == "pages 1-3, 5, 7-8")
        #expect(TextRecognizer.pageText("Når ens\n\nerfaringer\n\n\u{0C}") == "Når ens\n\nerfaringer\n")
    }

    @Test func ocrReadsAtMostItsPageLimitOfAScannedPDFAndSaysSo() throws {
        var settings = OCRSettings()
        settings.maximumPages = 1
        let article = try ArticleLoader(ocr: settings).load(path: OfficeReaderTests.fixture("seed-scanned.pdf"))
        #expect(article.ocrPages == [1])
        #expect(article.pageLines.count == 2)
        #expect(article.notes == ["page 1 read by OCR (no text layer)", "OCR reads at most 1 pages of a file; page 2 left empty"])
        #expect(article.text.contains("NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI"))
        #expect(!article.text.contains("Ens erfaringer får en anden værdi"))  // the subheading on page 2
    }

    @Test func theCacheKeepsTextByContentInATaggedFolderWithNoTemporaryFilesLeft() throws {
        let folder = files.url.appendingPathComponent("Index.ocr").path
        let cache = OCRCache(folder: folder)
        let key = OCRCache.key(of: Array("skannet side".utf8))
        #expect(key.count == 64)
        #expect(cache.text(key: key, page: 2) == nil)
        cache.store("Ens erfaringer får en anden værdi\n", key: key, page: 2)
        #expect(cache.text(key: key, page: 2) == "Ens erfaringer får en anden værdi\n")
        #expect(cache.text(key: key, page: 1) == nil)
        #expect(cache.text(key: key, page: nil) == nil)
        #expect(try String(contentsOfFile: folder + "/CACHEDIR.TAG", encoding: .utf8).hasPrefix("Signature: 8a477f597d28d172789f06886806bc55"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/" + String(key.prefix(2))) == ["\(key)-p2-dan.txt"])
    }
}
