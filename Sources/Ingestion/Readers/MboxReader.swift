/// Reads a mailbox (.mbox: messages each opened by a `From ` line) with GMime's parser in mbox
/// mode, one message at a time: each message is an article, `mail.mbox#3` by its 1-based
/// position, its attachments articles of their own (`mail.mbox#3/bilag.pdf`). At most
/// `maximumMessages` are read; the rest is one skip line.
struct MboxReader: ContainerReader {
    var format: ArticleFormat { .mbox }
    var extensions: [String] { ["mbox"] }

    static let maximumMessages = 10_000

    /// A mailbox is many articles, only indexed from its file.
    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        throw .extractionFailed("a mailbox holds many articles; index it as a file")
    }

    func parts(_ input: ReaderInput) throws(IngestionError) -> [ArticlePart] {
        guard input.bytes.starts(with: Array("From ".utf8)) else {
            throw .extractionFailed("not a mailbox (no \"From \" line at its start)")
        }
        var parts: [ArticlePart] = []
        var count = 0
        for message in MailMessage.Mailbox(input.bytes) {
            count += 1
            if count > Self.maximumMessages {
                parts.append(ArticlePart(name: String(count), content: .failure(
                    "the mailbox has more than \(Self.maximumMessages) messages; the rest are not indexed")))
                break
            }
            parts += MailArticle.parts(of: message, named: String(count), format: format)
        }
        guard count > 0 else { throw .extractionFailed("not a mailbox (no message in it)") }
        return parts
    }
}
