/// The file formats peersearch reads.
public enum ArticleFormat: String, Sendable, CaseIterable, Codable {
    case text = "txt"
    case markdown = "md"
    case html
    case pdf

    /// The format for a file name's extension, or nil if peersearch does not read it.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "pdf": self = .pdf
        default: return nil
        }
    }

    /// The MIME type (omega's `T` term).
    public var mimeType: String {
        switch self {
        case .text: "text/plain"
        case .markdown: "text/markdown"
        case .html: "text/html"
        case .pdf: "application/pdf"
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

    public init(title: String = "", author: String? = nil, source: String? = nil, date: String? = nil) {
        self.title = title
        self.author = author
        self.source = source
        self.date = date
    }
}

/// An article read from a file: its metadata and its text, ready to analyse.
public struct Article: Sendable {
    public var path: String
    public var format: ArticleFormat
    public var metadata: ArticleMetadata
    /// The extracted text (NFC). Its lines are the lines reported with matches.
    public var text: String
    /// True when the title is already part of `text` (e.g. the first line of a .txt file).
    public var titleIsInText: Bool
    /// Things worth telling the user, e.g. "decoded as Windows-1252".
    public var notes: [String]
    /// `ContentHash` of the file's bytes.
    public var contentHash: UInt64

    public init(path: String, format: ArticleFormat, metadata: ArticleMetadata, text: String,
                titleIsInText: Bool, notes: [String] = [], contentHash: UInt64 = 0) {
        self.path = path
        self.format = format
        self.metadata = metadata
        self.text = text
        self.titleIsInText = titleIsInText
        self.notes = notes
        self.contentHash = contentHash
    }
}

/// Why a file could not be read as an article. Each has a one-line description.
public enum IngestionError: Error, Equatable, CustomStringConvertible {
    case unsupportedFormat(String)
    case empty
    case binary
    case undecodable
    case tooLarge(bytes: Int, limit: Int)
    case unreadable(String)
    case extractionFailed(String)
    case toolMissing(String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let ext): "unsupported file type '.\(ext)'"
        case .empty: "empty file (no text)"
        case .binary: "binary file, not text"
        case .undecodable: "not UTF-8 or Windows-1252 text"
        case .tooLarge(let bytes, let limit): "file too large (\(bytes) bytes; the limit is \(limit) bytes)"
        case .unreadable(let reason): "cannot read file: \(reason)"
        case .extractionFailed(let reason): reason
        case .toolMissing(let tool): "\(tool) is not installed (apt-get install poppler-utils)"
        }
    }
}
