import Foundation

/// How scanned PDF pages and images are read with OCR (Tesseract, Danish model): whether at all,
/// where recognised text is cached, and the limits that keep one file from stalling a run or
/// filling memory. Given to the readers with each file (`ReaderInput.ocr`), never global.
public struct OCRSettings: Sendable, Equatable {
    /// Whether OCR runs; off, an image is skipped and a page without text stays empty.
    public var enabled: Bool
    /// Where recognised text is kept by the file's content hash (see `OCRCache`); nil keeps none.
    public var cacheFolder: String?
    /// Tesseract (and pdftoppm) get this long per page.
    public var pageTimeout: TimeInterval = 60
    /// At most this many pages of one file are read with OCR; the rest are noted and left empty.
    public var maximumPages = 200
    /// An image larger than this (width × height, from its header) is skipped before Tesseract
    /// decodes it: A4 at 600 dpi is 35 megapixels.
    public var maximumPixels = 40_000_000

    /// Tesseract's language: Danish (Debian tesseract-ocr-dan).
    public static let language = "dan"

    public init(enabled: Bool = true, cacheFolder: String? = nil) {
        self.enabled = enabled
        self.cacheFolder = cacheFolder
    }

    /// The reason an image (or a scan with no text at all) is skipped when OCR is off.
    static let offReason = "OCR is off (--no-ocr)"
}
