import Foundation

/// Reads a scanned page or a photo of one (PNG, JPEG, TIFF) with OCR: Tesseract and its Danish
/// model, as Recoll does, through the OCR cache. The size in the image's header is checked first,
/// so an image too large to decode within bounded memory is a skip, never a decode. A multi-page
/// TIFF gives one page per image in it. The title is the file name (OCR's first line is often a
/// running head or noise).
struct ImageReader: ArticleReader {
    let format: ArticleFormat
    let extensions: [String]
    let signatures: [[UInt8]]

    static let png = ImageReader(format: .png, extensions: ["png"], signatures: [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]])
    static let jpeg = ImageReader(format: .jpeg, extensions: ["jpg", "jpeg"], signatures: [[0xFF, 0xD8, 0xFF]])
    static let tiff = ImageReader(format: .tiff, extensions: ["tif", "tiff"], signatures: [Array("II*\0".utf8), Array("MM\0*".utf8)])

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let settings = input.ocr
        guard settings.enabled else { throw .extractionFailed("image needs OCR; \(OCRSettings.offReason)") }
        let header = try ImageHeader(input.bytes, format: format, pageLimit: settings.maximumPages)
        guard header.pixels <= settings.maximumPixels else {
            throw .extractionFailed("image of \(header.width) × \(header.height) pixels is over OCR's limit of \(settings.maximumPixels / 1_000_000) megapixels")
        }
        guard header.pages <= settings.maximumPages else {
            throw .extractionFailed("TIFF of more than \(settings.maximumPages) pages is over OCR's limit of \(settings.maximumPages) pages a file")
        }
        let recognizer = TextRecognizer(settings: settings, bytes: input.bytes)
        let text = try recognizer.text(page: nil) { () throws(IngestionError) in
            let output = try input.withFile { path throws(IngestionError) in
                try Tesseract.recognize(imageAt: path, timeout: settings.pageTimeout * Double(header.pages))
            }
            // Tesseract ends each page with a form feed; pages keep one between them.
            return output.split(separator: "\u{0C}", omittingEmptySubsequences: false).dropLast(output.hasSuffix("\u{0C}") ? 1 : 0)
                .map(TextRecognizer.pageText).joined(separator: "\u{0C}")
        }
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else { throw .extractionFailed("OCR found no text in the image") }
        let pages = ScannedPages(text: text).pages.count
        return ExtractedText(metadata: ArticleMetadata(), text: text, pageLines: pages > 1 ? PDFReader.pageLines(of: text) : [],
                             ocrPages: Array(1...max(pages, 1)))
    }
}
