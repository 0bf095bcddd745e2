import Foundation

/// One file format peersearch reads: which files it takes (by name extension, or by the
/// signature its content starts with) and how it turns one into text and metadata. A format is
/// one type conforming to this, listed in `ReaderRegistry.standard`.
public protocol ArticleReader: Sendable {
    /// The format it reads (stored with each article).
    var format: ArticleFormat { get }
    /// File name extensions it takes, lower case, without the dot.
    var extensions: [String] { get }
    /// Bytes that files of this format start with. A signature outranks the extension: a `.txt`
    /// file that starts with `%PDF` is read as a PDF.
    var signatures: [[UInt8]] { get }
    /// For a file with no extension and no known signature: whether its first bytes
    /// (`ReaderRegistry.sniffedBytes` of them) look like this format.
    func looksLike(_ prefix: ArraySlice<UInt8>) -> Bool
    /// The article's text, with its line (and page) positions and metadata.
    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText
}

extension ArticleReader {
    public var signatures: [[UInt8]] { [] }
    public func looksLike(_ prefix: ArraySlice<UInt8>) -> Bool { false }
}

/// What a reader reads: an article's bytes, and where they came from.
public struct ReaderInput: Sendable {
    public let bytes: [UInt8]
    /// The file the bytes were read from; nil for an article that has none (standard input, an
    /// upload).
    public let file: String?
    /// The loader's size limit, which bounds what a container format may unpack to too.
    public let maximumBytes: Int
    /// Whether and how scanned pages and images are read with OCR.
    public let ocr: OCRSettings

    public init(bytes: [UInt8], file: String?, maximumBytes: Int = ArticleLoader.defaultMaximumFileBytes,
                ocr: OCRSettings = OCRSettings()) {
        self.bytes = bytes
        self.file = file
        self.maximumBytes = maximumBytes
        self.ocr = ocr
    }

    /// The bytes decoded as text (see `TextDecoding`), with a note when they were not clean
    /// UTF-8 (another encoding, or bad bytes replaced).
    func decodedText() throws(IngestionError) -> (text: String, notes: [String]) {
        let (text, note) = try TextDecoding.decode(bytes)
        return (text, note.map { [$0] } ?? [])
    }

    /// Calls `body` with the path of a file holding the bytes, for tools that read files: the
    /// article's own file, or a temporary copy removed afterwards (also for a file whose name is
    /// not UTF-8, which a tool's arguments cannot spell).
    func withFile<Result>(_ body: (String) throws(IngestionError) -> Result) throws(IngestionError) -> Result {
        if let file, PathText.bytes(file).elementsEqual(file.utf8) { return try body(file) }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-\(UUID().uuidString)")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            throw .unreadable("cannot write a temporary file: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try body(temporary.path)
    }
}

/// What a reader makes of an article.
public struct ExtractedText: Sendable {
    public var metadata: ArticleMetadata
    /// The text. Its lines are the lines reported with matches.
    public var text: String
    /// The 1-based line each page starts on, for formats with pages (PDF); empty for the others.
    public var pageLines: [Int]
    /// True when the title is already part of `text` (e.g. the first line of a .txt file).
    public var titleIsInText: Bool
    /// Things worth telling the user, e.g. "decoded as Windows-1252".
    public var notes: [String]
    /// The 1-based pages whose text OCR read (an article without pages is page 1); empty when
    /// none was.
    public var ocrPages: [Int]

    public init(metadata: ArticleMetadata, text: String, pageLines: [Int] = [], titleIsInText: Bool = false,
                notes: [String] = [], ocrPages: [Int] = []) {
        self.metadata = metadata
        self.text = text
        self.pageLines = pageLines
        self.titleIsInText = titleIsInText
        self.notes = notes
        self.ocrPages = ocrPages
    }
}
