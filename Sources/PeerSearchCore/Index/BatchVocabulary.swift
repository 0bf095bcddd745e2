/// What one batch adds to each shard's spelling data and synonym table: its words with the
/// number of articles holding them, and its compounds with their parts. Gathered off the
/// writer's thread, so the writer adds each word and compound once.
struct BatchVocabulary {
    private(set) var wordsByShard: [Int: [String: Int]] = [:]
    private(set) var compoundsByShard: [Int: [String: [String]]] = [:]

    mutating func add(_ built: DocumentBuilder.Built, inShard shard: Int) {
        for word in built.words { wordsByShard[shard, default: [:]][word, default: 0] += 1 }
        compoundsByShard[shard, default: [:]].merge(built.compounds) { first, _ in first }
    }
}
