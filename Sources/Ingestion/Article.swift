/// The file formats peersearch reads, each with a reader in `ReaderRegistry.standard`.
public enum ArticleFormat: String, Sendable, CaseIterable, Codable {
    case text = "txt"
    case markdown = "md"
    case html
    case pdf
    case docx
    case odt
    case rtf
    case doc
    case epub
    case eml
    case mbox
    case png
    case jpeg
    case tiff

    /// The format whose reader takes a file name's extension, or nil if none does.
    public init?(pathExtension: String) {
        guard let reader = ReaderRegistry.standard.reader(forExtension: pathExtension) else { return nil }
        self = reader.format
    }

    /// The MIME type (omega's `T` term).
    public var mimeType: String {
        switch self {
        case .text: "text/plain"
        case .markdown: "text/markdown"
        case .html: "text/html"
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .rtf: "application/rtf"
        case .doc: "application/msword"
        case .epub: "application/epub+zip"
        case .eml: "message/rfc822"
        case .mbox: "application/mbox"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .tiff: "image/tiff"
        }
    }
}

/// Descriptive metadata of an article.
public struct ArticleMetadata: Sendable, Equatable, Codable {
    public var title: String
    public var author: String?
    public var source: String?
    /// ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var date: String?
    /// An e-mail's Message-ID (without the angle brackets).
    public var messageID: String?

    public init(title: String = "", author: String? = nil, source: String? = nil, date: String? = nil,
                messageID: String? = nil) {
        self.title = title
        self.author = author
        self.source = source
        self.date = date
        self.messageID = messageID
    }
}

/// An article read from a file: its metadata and its text, ready to analyse.
public struct Article: Sendable {
    public var path: String
    /// The file the article is a part of, when the file holds several (an mbox's messages, an
    /// e-mail's attachments; see `ContainerReader`); nil for a file's one article.
    public var partOf: String?
    public var format: ArticleFormat
    public var metadata: ArticleMetadata
    /// The extracted text (NFC). Its lines are the lines reported with matches.
    public var text: String
    /// The 1-based line each page starts on, for formats with pages (PDF); empty for the others.
    public var pageLines: [Int]
    /// True when the title is already part of `text` (e.g. the first line of a .txt file).
    public var titleIsInText: Bool
    /// Things worth telling the user, e.g. "decoded as Windows-1252".
    public var notes: [String]
    /// `ContentHash` of the file's bytes.
    public var contentHash: UInt64
    /// The same for byte-identical articles, and for no two articles of one file: `ContentHash`
    /// of the article's own bytes (a file's one article, an attachment), or, for a part its
    /// container reads itself (an mbox's message), of the container's bytes and the part's name.
    /// Nil when not known.
    public var duplicateKey: UInt64?
    /// The 1-based pages whose text OCR read (an article without pages is page 1); empty when
    /// none was.
    public var ocrPages: [Int]

    public init(path: String, format: ArticleFormat, metadata: ArticleMetadata, text: String, pageLines: [Int] = [],
                titleIsInText: Bool, notes: [String] = [], contentHash: UInt64 = 0, duplicateKey: UInt64? = nil, partOf: String? = nil,
                ocrPages: [Int] = []) {
        self.path = path
        self.partOf = partOf
        self.format = format
        self.metadata = metadata
        self.text = text
        self.pageLines = pageLines
        self.titleIsInText = titleIsInText
        self.notes = notes
        self.contentHash = contentHash
        self.duplicateKey = duplicateKey
        self.ocrPages = ocrPages
    }
}
