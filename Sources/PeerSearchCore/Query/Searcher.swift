import Analysis
import Foundation
import Ingestion
import Xapian

/// Answers queries against an index: ranks with BM25 and cuts passages from the hits.
///
/// Not thread-safe: use one per thread.
public final class Searcher {
    let indexPath: String
    let database: Database
    let analyzer: DanishAnalyzer
    /// One analyser for each thread that cuts passages (`DanishAnalyzer` is not thread-safe).
    private let hitAnalyzers: [DanishAnalyzer]

    /// Passages listed per hit for a phrase (every occurrence, up to this) and for words.
    public static let maximumPhrasePassages = 100
    public static let maximumWordPassages = 3
    /// Xapian checks no further documents after this many seconds of matching one ladder step,
    /// and ranks those it has (a bound on any one query; searches take milliseconds).
    static let matchingTimeLimit = 2.0
    /// Threads that cut the passages of one search's hits.
    private static let passageThreads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
    /// Cutting the passages of one search's hits stops after about this long: the hits not yet
    /// cut are listed without passages (or with those found so far), so no article, however
    /// large, holds a search up. The first hit always gets its passages.
    public static let passageTimeBudget: Duration = .milliseconds(1500)

    /// The indexes' UUIDs when they were opened, to tell when one was created anew.
    private let openedUUID: String

    /// Shards that could not be reached (searched without them, with `allowPartial`).
    public let unavailableShards: [String]

    public convenience init(indexPath: String) throws(PeerSearchError) {
        try self.init(indexPaths: [indexPath])
    }

    /// Searches several indexes as one: local folders, or shards served by Xapian's
    /// `xapian-tcpsrv` given as `tcp://host:port`. Results are ranked together, with statistics
    /// over all of them. A shard that cannot be opened is an error, unless `allowPartial`: then
    /// the others are searched and `unavailableShards` names it. With `allowPartial`, shards in
    /// `skipping` (found unreachable a moment ago) are not tried: they count as unavailable.
    public init(indexPaths: [String], allowPartial: Bool = false, skipping: Set<String> = []) throws(PeerSearchError) {
        indexPath = indexPaths.joined(separator: ", ")
        var combined: Database?
        var unavailable: [String] = []
        for path in indexPaths {
            if allowPartial && indexPaths.count > 1 && skipping.contains(path) {
                unavailable.append(path)
                continue
            }
            do {
                let shard = try IndexStore.openShard(path)
                if let combined { try combined.add(shard: shard) } else { combined = shard }
            } catch {
                guard allowPartial, indexPaths.count > 1 else { throw .translating(error, path: path) }
                unavailable.append(path)
            }
        }
        guard let combined else { throw .shardUnavailable(path: indexPath, detail: "no shard could be opened") }
        openedUUID = (try? combined.uuid()) ?? ""
        database = combined
        unavailableShards = unavailable
        do {
            analyzer = try DanishAnalyzer()
            hitAnalyzers = try (0..<Self.passageThreads).map { _ throws(XapianError) in try DanishAnalyzer() }
        } catch {
            throw .translating(error, path: indexPath)
        }
    }

    /// Moves to the indexes' last commit, for a searcher kept between searches. Returns false
    /// when an index was created anew since this searcher opened it (`index --rebuild`, or a
    /// folder deleted and indexed again): its open files are then stale, and a new searcher is
    /// needed.
    public func refresh() throws(PeerSearchError) -> Bool {
        do {
            try database.reopen()
            return ((try? database.uuid()) ?? "") == openedUUID
        } catch {
            throw .translating(error, path: indexPath)
        }
    }

    /// Runs `query`, returning hits `offset ..< offset + limit` in `order`. A quoted phrase climbs
    /// the quote ladder: when no article holds it as written (and unless `exactOnly`), its
    /// inflected forms are looked for, and when none holds those either, approximate matches.
    /// With `facets`, every match is examined and counted by year, author, source, format and
    /// folder (`SearchResult.facets`).
    ///
    /// A query that finds nothing, but has a spelling suggestion that finds something, is
    /// searched as suggested at once (`SearchResult.searchedInstead`), as web search engines do;
    /// not with `exactOnly`, nor for a query written with a leading `+` (searched as typed).
    ///
    /// Byte-identical articles (the same duplicate key, `TermScheme.Slot.duplicateKey`) are
    /// listed once, with the others' paths in `SearchHit.duplicates`, unless `collapsingDuplicates`
    /// is false; `total` then counts each set of them once. Facets count every article.
    public func search(_ query: String, limit: Int = 10, offset: Int = 0, exactOnly: Bool = false,
                       order: SearchOrder = .relevance, facets: Bool = false,
                       collapsingDuplicates: Bool = true) throws(PeerSearchError) -> SearchResult {
        let asTyped = query.hasPrefix("+")
        let typed = asTyped ? String(query.dropFirst()) : query
        let page = Page(limit: limit, offset: offset, order: order, facets: facets, collapsesDuplicates: collapsingDuplicates)
        let result = try searchOnce(typed, exactOnly: exactOnly, page: page)
        guard result.total == 0, !asTyped, !exactOnly, let suggestion = result.suggestion else { return result }
        var instead = try searchOnce(suggestion, exactOnly: exactOnly, page: page)
        guard instead.total > 0 else { return result }
        instead.query = query
        instead.suggestion = suggestion
        instead.searchedInstead = true
        return instead
    }

    /// The query read by the query language: a malformed one is `.malformedQuery`.
    static func parse(_ query: String) throws(PeerSearchError) -> QueryNode {
        do throws(QuerySyntaxError) {
            return try QuerySyntax.parse(query)
        } catch {
            throw .malformedQuery(error)
        }
    }

    /// A compiler over the index's vocabulary as it is now (call inside `IndexStore.reading`).
    func makeCompiler(climbsLadder: Bool) -> QueryCompiler {
        QueryCompiler(analyzer: analyzer, vocabulary: Vocabulary(database: database, analyzer: analyzer), climbsLadder: climbsLadder)
    }

    /// One search of `query` as typed (see `search`).
    private func searchOnce(_ query: String, exactOnly: Bool, page: Page) throws(PeerSearchError) -> SearchResult {
        let parsed = try Self.parse(query)
        // An index run may commit meanwhile: then the query is compiled again against the new
        // revision's vocabulary.
        return try IndexStore.reading(database, path: indexPath) {
            let compiler = makeCompiler(climbsLadder: !exactOnly)
            let compiled = try compiler.compile(parsed)
            var (total, hits, counted) = try matches(of: compiled.exact, in: compiled, compiler: compiler, page: page)
            var warnings: [String] = []
            if total == 0, !exactOnly, compiler.isTooLongForTheLadder(compiled) {
                warnings.append("a quote of more than \(QueryCompiler.maximumLadderWords) words is looked for as written and then as its words, not inflected or approximately")
            }
            let words = total == 0 ? try compiler.words(of: compiled) : nil
            let laterSteps = compiler.laterSteps(of: compiled)
            if total == 0 && !laterSteps.isEmpty {
                let inflected = try compiler.withInflections(compiled)
                for kind in laterSteps {
                    (total, hits, counted) = try matches(of: try compiler.step(kind, of: inflected), in: inflected,
                                                         compiler: compiler, page: page)
                    if total > 0 { break }
                }
                // A long quote with two slips, among the articles richest in its words.
                if total == 0, let words, let twoSlips = compiler.twoSlipStep(of: inflected, words: words) {
                    (total, hits, counted) = try matches(of: twoSlips, in: inflected, compiler: compiler, page: page)
                }
            }
            // The last step: the quotes' words, ranked.
            if total == 0, let words {
                (total, hits, counted) = try matches(of: words.exact, in: words, compiler: compiler, page: page)
            }
            let suggestion = try SpellingSuggester(database: database, analyzer: analyzer).suggestion(for: query)
            var result = SearchResult(query: query, total: total, hits: hits, suggestion: suggestion,
                                      unavailableShards: unavailableShards, warnings: warnings)
            if let counted { result.addFacets(counted) }
            return result
        }
    }

    /// Which hits a search lists, in which order, whether it counts facets, and whether
    /// duplicates are listed once.
    private struct Page {
        var limit: Int
        var offset: Int
        var order: SearchOrder = .relevance
        var facets = false
        var collapsesDuplicates = true
    }

    /// An approximate step ranks at least this many of its best BM25 matches by how little
    /// differs from the quote, so a page of hits (and the next) is in that order.
    static let approximateRankingDepth = 20
    /// The two-slip step looks for the quote in this many of the articles richest in its words.
    static let twoSlipCandidates = 30
    /// At most this many duplicates are listed with a hit (`SearchHit.duplicates`).
    public static let maximumDuplicatesListed = 20

    /// The hits of one ladder step, how many articles it matches in all, and its facet counts
    /// when asked for. (Only the step that finds hits cuts passages, so the time budget is the
    /// search's.) An approximate step's hits are ranked by how little differs from the quote,
    /// then by BM25, within its `approximateRankingDepth` best; at the two-slip step, only the
    /// candidates holding the quote within two slips are hits (and no facets are counted).
    private func matches(of step: CompiledQuery.Step, in compiled: CompiledQuery, compiler: QueryCompiler,
                         page: Page) throws -> (total: Int, hits: [SearchHit], facets: FacetCounter.Counted?) {
        guard step.kind == .approximate else { return try matches(of: step, in: compiled, compiler: compiler, page: page, ranked: false) }
        let depth = step.keepsOnlyHitsWithinSlips ? Self.twoSlipCandidates : max(page.offset + page.limit, Self.approximateRankingDepth)
        let ranking = Page(limit: depth, offset: 0, order: page.order, facets: page.facets && !step.keepsOnlyHitsWithinSlips,
                           collapsesDuplicates: page.collapsesDuplicates)
        var (total, candidates, counted) = try matches(of: step, in: compiled, compiler: compiler, page: ranking, ranked: true)
        if step.keepsOnlyHitsWithinSlips {
            candidates.removeAll { !$0.isWithinSlips }
            total = candidates.count
        }
        var ranked = candidates
        if page.order == .relevance {
            // Stable: equally close hits keep their BM25 order.
            ranked = candidates.enumerated().sorted { a, b in
                (a.element.closenessCost ?? .infinity, a.offset) < (b.element.closenessCost ?? .infinity, b.offset)
            }.map(\.element)
        }
        let shown = ranked.dropFirst(page.offset).prefix(page.limit).enumerated().map { index, hit in
            var hit = hit
            hit.rank = page.offset + index + 1
            return hit
        }
        return (total, Array(shown), counted)
    }

    /// The hits `page` asks for of one ladder step (see `matches(of:in:compiler:page:)`); with
    /// `ranked`, every one gets its passages (and closeness) cut, for the ranking by closeness.
    private func matches(of step: CompiledQuery.Step, in compiled: CompiledQuery, compiler: QueryCompiler,
                         page: Page, ranked: Bool) throws -> (total: Int, hits: [SearchHit], facets: FacetCounter.Counted?) {
        let (limit, offset) = (page.limit, page.offset)
        let enquire = try Enquire(database: database)
        try enquire.setTimeLimit(seconds: Self.matchingTimeLimit)
        try enquire.setQuery(step.query)
        try enquire.useBM25()
        switch page.order {
        case .relevance: break
        case .newest: try enquire.setOrder(.value(slot: TermScheme.Slot.date, descending: true))
        case .oldest: try enquire.setOrder(.value(slot: TermScheme.Slot.date, descending: false))
        }
        // Byte-identical articles share a duplicate key: the best ranked of them is kept.
        if page.collapsesDuplicates { try enquire.collapse(onSlot: TermScheme.Slot.duplicateKey) }
        // Facets count every match: Xapian examines them all when asked to check as many
        // documents as the index holds.
        let counter = page.facets ? try FacetCounter(enquire: enquire) : nil
        let checkAtLeast = page.facets ? max(try database.documentCount(), 1) : max(offset + limit, 1000)
        let matches = try enquire.matches(first: offset, maxItems: limit, checkAtLeast: checkAtLeast)
        let candidates = CandidateTokens(query: compiled, step: step.kind, slips: step.slips,
                                         frequency: compiler.vocabulary.map { vocabulary in { vocabulary.articleCount(of: $0) } })
        // The articles are read here (the database serves one thread); their passages are cut
        // on all cores, each thread with its own analyser.
        let found = try (0..<(try matches.count)).map { index in
            let (item, document) = (try matches.item(at: index), try matches.document(at: index))
            let duplicates = page.collapsesDuplicates
                ? try self.duplicates(of: item.documentID, key: try document.value(slot: TermScheme.Slot.duplicateKey),
                                      matching: step.query)
                : []
            return (item: item, article: try StoredArticle.decode(try document.data()), duplicates: duplicates)
        }
        let vocabulary = compiler.vocabulary
        let deadline = ContinuousClock.now + Self.passageTimeBudget
        let hits = concurrentMap(count: found.count, threads: hitAnalyzers.count, makeThreadState: { thread in
            MatchLocator(query: compiled, analyzer: self.hitAnalyzers[thread], vocabulary: vocabulary)
        }) { index, locator in
            let (item, article, duplicates) = found[index]
            var hit = self.hit(id: Int(item.documentID), rank: offset + index + 1, score: item.weight, article: article,
                               locator: locator, candidates: candidates, step: step, passagesUntil: index == 0 ? nil : deadline)
            hit.duplicates = duplicates.map(\.path)
            hit.duplicateIDs = duplicates.map(\.id)
            return hit
        }
        return (try total(of: matches, collapsed: page.collapsesDuplicates, checkAtLeast: checkAtLeast), hits, try counter?.counted())
    }

    /// How many articles `matches` stands for: Xapian's estimate, exact when no more matched
    /// than `checkAtLeast`. Xapian 1.4's estimate with a collapse key is poor (2,000 for a word
    /// in 2,295 articles, none of them copies), so a collapsed count is worked out here: when no
    /// more matched than `checkAtLeast`, every match was examined and the lower bound is the
    /// number kept; beyond, the uncollapsed estimate less the copies Xapian folded away (it
    /// lowers the upper bound by them), as if the matches it did not examine held no more.
    private func total(of matches: MatchSet, collapsed: Bool, checkAtLeast: Int) throws -> Int {
        let counts = try matches.matchCounts
        guard collapsed else { return counts.estimated }
        let uncollapsed = try matches.uncollapsedMatchCounts
        if uncollapsed.upperBound <= checkAtLeast { return counts.lowerBound }
        let folded = max(uncollapsed.upperBound - counts.upperBound, 0)
        return min(max(uncollapsed.estimated - folded, counts.lowerBound), counts.upperBound)
    }

    /// The other articles that match `query` and have duplicate key `key` (those a collapsed
    /// search folded into document `docid`), by path; at most `maximumDuplicatesListed`. The
    /// key's term tells at once whether any other article has the key at all.
    private func duplicates(of docid: UInt32, key: String, matching query: Query) throws -> [(id: Int, path: String)] {
        guard !key.isEmpty else { return [] }
        let term = TermScheme.duplicateTerm(key: key)
        guard try database.termFrequency(term) > 1 else { return [] }
        let enquire = try Enquire(database: database)
        try enquire.setTimeLimit(seconds: Self.matchingTimeLimit)
        try enquire.setQuery(try Query(.filter, [query, try Query(term: term)]))
        let matches = try enquire.matches(maxItems: Self.maximumDuplicatesListed + 1)
        var found: [(id: Int, path: String)] = []
        for index in 0..<(try matches.count) where found.count < Self.maximumDuplicatesListed {
            let id = try matches.item(at: index).documentID
            guard id != docid else { continue }
            found.append((Int(id), try StoredArticle.decode(try matches.document(at: index).data(), text: false).path))
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The article with document id `reference` (digits), or kept under the path or id
    /// `reference`; nil when the index has none.
    public func article(_ reference: String) throws(PeerSearchError) -> IndexedArticle? {
        try IndexStore.reading(database, path: indexPath) {
            guard let docid = try documentID(of: reference) else { return nil }
            return IndexedArticle(id: Int(docid), article: try StoredArticle.decode(try database.document(docid).data()))
        }
    }

    private func documentID(of reference: String) throws(XapianError) -> UInt32? {
        var docid: UInt32?
        if ArticleID.isDocumentNumber(reference), let number = UInt32(reference), number > 0,
           number <= UInt32(try database.documentCount() * 4 + 16) {
            docid = try? database.document(number).id == 0 ? nil : number
        }
        for candidate in [reference, FileCollector.absolute(reference)] where docid == nil {
            docid = try database.firstDocumentID(withTerm: TermScheme.uniqueIDTerm(path: candidate))
        }
        return docid
    }

    /// How many terms characterise an article when looking for similar ones (omega's MORELIKE
    /// takes 40 too).
    public static let similarityTerms = 40

    /// The articles most like the one `reference` names (as `article(_:)` takes it), best first;
    /// nil when the index has no such article. As omega's MORELIKE: Xapian's relevance feedback
    /// (`get_eset`) with the article as the relevant set gives the `similarityTerms` words that
    /// best tell it from the rest (plain words only: no prefixed terms, Danish stop words or
    /// terms without a letter), and the articles holding them, OR-ed and ranked with BM25,
    /// are its neighbours; the article itself is left out. `query` holds those words, and each
    /// hit the lines where most of them meet. Duplicates are listed once, as `search` lists
    /// them, unless `collapsingDuplicates` is false.
    public func similar(to reference: String, limit: Int = 10, offset: Int = 0,
                        collapsingDuplicates: Bool = true) throws(PeerSearchError) -> SearchResult? {
        try IndexStore.reading(database, path: indexPath) {
            guard let docid = try documentID(of: reference) else { return nil }
            let path = try StoredArticle.decode(try database.document(docid).data()).path
            let terms = try Enquire(database: database).expansionTerms(relevantTo: [docid], maxTerms: Self.similarityTerms,
                                                                       skipping: DanishStopwords.terms)
            guard !terms.isEmpty else {
                return SearchResult(query: "", total: 0, hits: [], suggestion: nil, unavailableShards: unavailableShards)
            }
            let compiler = makeCompiler(climbsLadder: false)
            var compiled = try compiler.compile(.group(required: [], optional: terms.map { .word($0, field: nil) }, excluded: []))
            let expanded = try Query(.or, try terms.map { term throws(XapianError) in try Query(term: term) })
            compiled.exact.query = try Query(.andNot, [expanded, try Query(term: TermScheme.uniqueIDTerm(path: path))])
            let (total, hits, _) = try matches(of: compiled.exact, in: compiled, compiler: compiler,
                                               page: Page(limit: limit, offset: offset, collapsesDuplicates: collapsingDuplicates))
            return SearchResult(query: terms.joined(separator: " "), total: total, hits: hits, suggestion: nil,
                                unavailableShards: unavailableShards)
        }
    }

    /// A hit with its passages, cut with the locator's analyser (one thread's own) until
    /// `deadline` (if any). Past it, the hit has no passages, and its match is the ladder step's.
    private func hit(id: Int, rank: Int, score: Double, article: StoredArticle, locator: MatchLocator,
                     candidates: CandidateTokens, step: CompiledQuery.Step, passagesUntil deadline: ContinuousClock.Instant?) -> SearchHit {
        var hit = SearchHit(id: id, rank: rank, path: article.path, title: article.title, author: article.author,
                            source: article.source, date: article.date, score: score, match: step.kind, passages: [])
        if let deadline, ContinuousClock.now >= deadline { return hit }
        let text = ArticleText(article.text)
        let tokens = candidates.tokens(of: text, analyzer: locator.analyzer, until: deadline)
        let located = locator.locate(in: tokens, step: step.kind, slips: step.slips, text: text)
        let occurrences = located.occurrences
        let builder = PassageBuilder(text: text)
        // Every occurrence of a phrase (up to a limit), or the lines where most of the words meet.
        let passages = locator.query.hasPhrase
            ? builder.passages(for: occurrences, limit: Self.maximumPhrasePassages)
            : builder.busiestPassages(for: occurrences, count: Self.maximumWordPassages)
        hit.passages = passages.map { $0.cited(pageLines: article.pages, ocrPages: article.ocrPages) }
        hit.match = located.kind
        if let closeness = located.closeness {
            hit.differences = closeness.differences
            hit.closenessCost = closeness.cost
            hit.isWithinSlips = closeness.isWithinSlips
        }
        return hit
    }
}
