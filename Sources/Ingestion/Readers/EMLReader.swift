/// Reads one e-mail message (.eml, RFC 5322 with MIME) with GMime: the message is the file's
/// article, its attachments articles of their own (see `MailArticle`, `ContainerReader`).
struct EMLReader: ContainerReader {
    var format: ArticleFormat { .eml }
    var extensions: [String] { ["eml"] }

    /// The message alone, without its attachments (for an .eml given on standard input).
    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        for part in try parts(input) where part.name.isEmpty {
            switch part.content {
            case .text(let extracted, _): return extracted
            case .failure(let reason): throw .extractionFailed(reason)
            case .file: break
            }
        }
        throw .extractionFailed(MailArticle.notAMessage)
    }

    func parts(_ input: ReaderInput) throws(IngestionError) -> [ArticlePart] {
        guard let message = MailMessage.parse(input.bytes) else { throw .extractionFailed(MailArticle.notAMessage) }
        return MailArticle.parts(of: message, named: "", format: format)
    }
}
