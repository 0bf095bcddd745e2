import Analysis
import Foundation
import Ingestion
import Xapian

/// The index's own words, for finding the inflections of a query word that actually occur.
/// `compoundParts` may be called from several threads at once; the rest from one.
final class Vocabulary: @unchecked Sendable {
    private let database: Database
    private let analyzer: DanishAnalyzer
    private var cache: [String: [String]] = [:]
    private var compoundCache: [String: [String]?] = [:]
    private let compoundLock = NSLock()
    private var frequencyCache: [String: Int] = [:]

    /// Stems shorter than this are not expanded (too many unrelated words share them).
    static let minimumStemLength = 3
    /// A stem and the same stem with a neuter -t or present-tense -r count as one word from
    /// this length on.
    static let minimumNeuterStemLength = 5
    /// At most this many forms per word.
    static let maximumForms = 32
    /// At most this many index terms are looked at for one word (short stems share many).
    static let maximumCandidates = 2_000

    init(database: Database, analyzer: DanishAnalyzer) {
        self.database = database
        self.analyzer = analyzer
    }

    /// How `term` splits into words, if the index knows it as a compound (`peermedarbejder` →
    /// `peer medarbejder`).
    func compoundParts(of term: String) throws(XapianError) -> [String]? {
        compoundLock.lock()
        defer { compoundLock.unlock() }
        if let cached = compoundCache[term] { return cached }
        let parts = try database.synonyms(of: term).lazy.map { $0.split(separator: " ").map(String.init) }.first { $0.count > 1 }
        compoundCache[term] = parts
        return parts
    }

    /// In how many articles `term` stands (0 when the index cannot tell).
    func articleCount(of term: String) -> Int {
        if let cached = frequencyCache[term] { return cached }
        let count = (try? database.termFrequency(term)) ?? 0
        frequencyCache[term] = count
        return count
    }

    /// `term` and the other index terms with the same Danish stem (`erfaring` → `erfaringer`, …),
    /// or with that stem one ending longer or shorter that Snowball keeps apart (see
    /// `relatedStems`): `negativ` ↔ `negativt`, `bestemme` ↔ `bestemt`, `bestå` ↔ `består`.
    func forms(of term: String) throws(XapianError) -> [String] {
        if let cached = cache[term] { return cached }
        let stem = analyzer.stem(term)
        var forms = [term]
        if stem.count >= Self.minimumStemLength, stem.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) {
            let stems = Self.relatedStems(stem)
            let shortest = stems.min { $0.count < $1.count } ?? stem
            let prefix = String(zip(term, shortest).prefix { $0 == $1 }.map(\.0))
            for candidate in try database.allTerms(withPrefix: prefix, limit: Self.maximumCandidates) where candidate != term {
                if stems.contains(analyzer.stem(candidate)) { forms.append(candidate) }
                if forms.count >= Self.maximumForms { break }
            }
        }
        cache[term] = forms
        return forms
    }

    /// `stem`, and the stems one neuter -t or present-tense -r away from it, when the shorter
    /// stem is long enough not to be another word (`spor`/`sport`). The -r only after å (folded:
    /// aa), as in the verbs of stå and gå (bestå, forstå, undgå): after other vowels it makes
    /// other words (konto, kontor).
    static func relatedStems(_ stem: String) -> Set<String> {
        var stems: Set<String> = [stem]
        guard stem.count >= minimumNeuterStemLength else { return stems }
        if !stem.hasSuffix("t") { stems.insert(stem + "t") }          // negativ → negativt
        if stem.hasSuffix("aa") { stems.insert(stem + "r") }           // bestaa → bestaar
        if stem.count > minimumNeuterStemLength && (stem.hasSuffix("t") || stem.hasSuffix("aar")) {
            stems.insert(String(stem.dropLast()))
        }
        return stems
    }
}
