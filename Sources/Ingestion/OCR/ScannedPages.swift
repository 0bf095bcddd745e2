import Foundation

/// The pages of a PDF that have no text layer (scans: pdftotext finds no letter on them), read
/// with OCR: each rendered alone by pdftoppm (grayscale, its longer side 3,508 pixels, which is
/// 300 dpi for A4 and bounds the pixels of any page) and read by Tesseract, its text put in the
/// page's place, so the lines and pages of the other pages stay where they were. Rendered pages
/// are PGM files (no compression to spend time on) in a temporary folder, removed at once.
struct ScannedPages {
    /// The longer side of a rendered page, in pixels.
    static let renderedSide = 3508

    /// The text of each page (pdftotext's, OCR's where read).
    var pages: [String]
    /// The 1-based pages whose text OCR read.
    var recognized: [Int] = []
    /// What the user should know: pages read, left empty, and why.
    var notes: [String] = []
    /// Why pages without text were left empty (OCR off, tesseract missing, a page that failed):
    /// the reason to give when the whole PDF then has no text.
    var emptyReason: IngestionError?
    /// Whether the last page ended with a form feed (pdftotext ends every page with one).
    private let endsWithFeed: Bool

    /// Splits pdftotext's text at its form feeds.
    init(text: String) {
        var pieces = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        endsWithFeed = pieces.count > 1 && pieces.last == ""
        if endsWithFeed { pieces.removeLast() }
        pages = pieces
    }

    /// The text again, pages separated by form feeds as pdftotext writes them.
    var text: String {
        pages.joined(separator: "\u{0C}") + (endsWithFeed ? "\u{0C}" : "")
    }

    /// The 1-based pages with no letter in their text.
    var withoutText: [Int] {
        pages.indices.filter { !pages[$0].contains(where: \.isLetter) }.map { $0 + 1 }
    }

    /// Reads the pages without text of the PDF at `path` (whose bytes are `bytes`) with OCR.
    mutating func recognize(pdf path: String, bytes: [UInt8], settings: OCRSettings) {
        let scanned = withoutText
        guard !scanned.isEmpty else { return }
        guard settings.enabled else {
            notes.append("\(PageList.describe(scanned)) without a text layer left empty: \(OCRSettings.offReason)")
            emptyReason = .extractionFailed("PDF has no text layer (a scan?) and \(OCRSettings.offReason)")
            return
        }
        let recognizer = TextRecognizer(settings: settings, bytes: bytes)
        for (done, page) in scanned.prefix(settings.maximumPages).enumerated() {
            do {
                pages[page - 1] = try recognizer.text(page: page) { () throws(IngestionError) in
                    try Self.recognize(page: page, of: path, timeout: settings.pageTimeout)
                }
                recognized.append(page)
            } catch {
                // A page that fails (a missing tool, a page over its time) ends OCR of the file.
                let unread = Array(scanned[done...])
                notes.append("OCR stopped at page \(page): \(error); \(PageList.describe(unread)) without a text layer left empty")
                emptyReason = error
                break
            }
        }
        if !recognized.isEmpty { notes.insert("\(PageList.describe(recognized)) read by OCR (no text layer)", at: 0) }
        if scanned.count > settings.maximumPages, emptyReason == nil {
            let unread = Array(scanned[settings.maximumPages...])
            notes.append("OCR reads at most \(settings.maximumPages) pages of a file; \(PageList.describe(unread)) left empty")
        }
    }

    /// Renders page `page` of the PDF at `path` and reads it with Tesseract.
    private static func recognize(page: Int, of path: String, timeout: TimeInterval) throws(IngestionError) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-ocr-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        } catch {
            throw .unreadable("cannot make a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rendering = try ExternalTool.run(
            "pdftoppm", ["-f", "\(page)", "-l", "\(page)", "-scale-to", "\(renderedSide)", "-gray", "-singlefile", path, folder + "/page"],
            package: "poppler-utils", timeout: timeout)
        guard rendering.status == 0 else { throw .extractionFailed("pdftoppm could not render the page (exit \(rendering.status))") }
        return TextRecognizer.pageText(try Tesseract.recognize(imageAt: folder + "/page.pgm", timeout: timeout))
    }
}
