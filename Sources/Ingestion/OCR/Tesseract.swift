import Foundation

/// Runs Tesseract (Debian tesseract-ocr) with its Danish model (tesseract-ocr-dan) on an image
/// file, as a subprocess with a time limit, one thread each (the indexer already reads files on
/// every core). Whether the model is installed is asked once per process, and only when a page
/// has to be read (cached text needs no Tesseract).
enum Tesseract {
    /// The text of the image at `path` (pages of a multi-page TIFF separated by form feeds).
    static func recognize(imageAt path: String, timeout: TimeInterval) throws(IngestionError) -> String {
        try availability.get()
        let result = try ExternalTool.run("tesseract", [path, "stdout", "-l", OCRSettings.language], package: "tesseract-ocr",
                                          timeout: timeout, environment: ["OMP_THREAD_LIMIT": "1"])
        guard result.status == 0 else { throw .extractionFailed("tesseract could not read the image (exit \(result.status))") }
        return TextDecoding.normalized(String(decoding: result.output, as: UTF8.self))
    }

    /// Whether tesseract and its Danish model are installed.
    private static let availability: Result<Void, IngestionError> = {
        do throws(IngestionError) {
            let listing = try ExternalTool.run("tesseract", ["--list-langs"], package: "tesseract-ocr", timeout: 30)
            guard listing.status == 0 else { return .failure(.extractionFailed("tesseract --list-langs failed (exit \(listing.status))")) }
            let languages = String(decoding: listing.output, as: UTF8.self).split(separator: "\n")
            guard languages.contains(where: { $0.trimmingCharacters(in: .whitespaces) == OCRSettings.language }) else {
                return .failure(.toolMissing(tool: "tesseract's Danish model", package: "tesseract-ocr-dan"))
            }
            return .success(())
        } catch {
            return .failure(error)
        }
    }()
}
