import ArgumentParser
import Ingestion

/// `--no-ocr`, shared by the commands that index (index, watch, serve): scanned PDF pages and
/// images are read with Tesseract unless it is given.
struct OCROption: ParsableArguments {
    @Flag(name: .customLong("no-ocr"), help: "Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).")
    var off = false

    /// The readers' OCR settings (the cache folder, beside the index, is the indexer's to add).
    var settings: OCRSettings { OCRSettings(enabled: !off) }
}
