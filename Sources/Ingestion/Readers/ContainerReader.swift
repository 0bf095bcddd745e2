/// A format whose file holds several articles: an mbox holds messages, an e-mail holds
/// attachments. Its reader names the parts; `ArticleLoader.loadParts` turns them into articles,
/// reading an attachment through the reader its name or content selects (a PDF attachment
/// through the PDF reader, a forwarded message through the e-mail reader, to a bounded depth).
///
/// A part's path is the file's path, `#`, and the part's name inside the file, whose levels are
/// separated by `/`: `mail.mbox#3` (the third message), `mail.mbox#3/bilag.pdf` (its
/// attachment), `brev.eml#bilag.pdf`, `brev.eml#videresendt.eml/bilag.pdf`. A part named "" is
/// kept under the file's own path (an .eml's message).
public protocol ContainerReader: ArticleReader {
    /// The parts of the file, in order.
    func parts(_ input: ReaderInput) throws(IngestionError) -> [ArticlePart]
}

/// One article inside a file, or a reason why one could not be read.
public struct ArticlePart: Sendable {
    /// The part's name inside the file ("" for the file's own article): `3`, `3/bilag.pdf`.
    public var name: String
    public var content: Content

    public enum Content: Sendable {
        /// Read by the container's reader itself, in its format.
        case text(ExtractedText, format: ArticleFormat)
        /// Bytes to be read by the reader the name's extension or the content selects; left out
        /// when no reader takes them.
        case file([UInt8])
        /// The part could not be read; the reason is one line.
        case failure(String)
    }

    public init(name: String, content: Content) {
        self.name = name
        self.content = content
    }
}
