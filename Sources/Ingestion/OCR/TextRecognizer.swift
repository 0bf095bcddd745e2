/// OCR through the cache: a page's text is taken from the cache when the same bytes were read
/// before, else recognised and kept there. Made for one file, whose bytes give the key.
struct TextRecognizer {
    let settings: OCRSettings
    private let cache: OCRCache?
    private let key: String

    init(settings: OCRSettings, bytes: [UInt8]) {
        self.settings = settings
        cache = settings.cacheFolder.map(OCRCache.init)
        key = cache == nil ? "" : OCRCache.key(of: bytes)
    }

    /// The text of page `page` (nil: the whole file), from the cache or from `recognize`.
    func text(page: Int?, recognize: () throws(IngestionError) -> String) throws(IngestionError) -> String {
        if let cached = cache?.text(key: key, page: page) { return cached }
        let text = try recognize()
        cache?.store(text, key: key, page: page)
        return text
    }

    /// Tesseract's text tidied for an article: its page separators (form feeds) dropped, trailing
    /// blank lines trimmed, ending with one line break.
    static func pageText(_ output: some StringProtocol) -> String {
        var text = String(output.filter { $0 != "\u{0C}" })
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text.isEmpty ? "" : text + "\n"
    }
}
