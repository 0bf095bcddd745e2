import Ingestion

/// An article that arrives without a file of its own (an upload, `index --stdin`): its bytes in a
/// format, the id it is kept under, and metadata given with it. `Indexer.add` keeps it as a file
/// in the archive, then indexes it.
public struct IncomingArticle: Sendable {
    /// A valid `ArticleID`.
    public var id: String
    public var format: ArticleFormat
    public var bytes: [UInt8]
    public var metadata: ArticleArchive.GivenMetadata

    public init(id: String, format: ArticleFormat, bytes: [UInt8], metadata: ArticleArchive.GivenMetadata) {
        self.id = id
        self.format = format
        self.bytes = bytes
        self.metadata = metadata
    }
}
