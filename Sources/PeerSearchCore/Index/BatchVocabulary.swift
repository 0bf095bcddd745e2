/// What one batch adds to each shard's spelling data and synonym table: its words with the
/// number of articles holding them, and its compounds with their parts. Gathered off the
/// writer's thread, so the writer adds each word and compound once.
struct BatchVocabulary {
    private(set) var wordsByShard: [Int: [String: Int]] = [:]
    /// Each compound with the parts of its first article, and that article's shard.
    private(set) var compounds: [String: (parts: [String], shard: Int)] = [:]

    mutating func add(_ built: DocumentBuilder.Built, inShard shard: Int) {
        for word in built.words { wordsByShard[shard, default: [:]][word, default: 0] += 1 }
        compounds.merge(built.compounds.mapValues { (parts: $0, shard: shard) }) { first, _ in first }
    }
}
