import ArgumentParser
import Ingestion

/// `--no-ocr`, shared by the commands that index (index, watch, serve): scanned PDF pages and
/// images are read with Tesseract unless it is given.
struct OCROption: ParsableArguments {
    @Flag(name: .customLong("no-ocr"), help: "Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).")
    var off = false

    /// Whether OCR is on: not `--no-ocr`, and not `ocr = off` in the settings file.
    func enabled(settings: ConfigFile) -> Bool { !off && settings.ocr != false }

    /// The readers' OCR settings (the cache folder, beside the index, is the indexer's to add).
    func settings(settings: ConfigFile) -> OCRSettings { OCRSettings(enabled: enabled(settings: settings)) }
}
