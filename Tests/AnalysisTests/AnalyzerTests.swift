import Analysis
import Ingestion
import Testing

/// The Danish analyser, case by case, with the traits of the seed articles.
@Suite struct AnalyzerTests {
    let analyzer = try! DanishAnalyzer()

    private func terms(_ text: String) -> [String] { analyzer.terms(in: text) }

    @Test func allCapsHeadingsAreLowercasedAndFolded() {
        #expect(terms("NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI") == ["naar", "ens", "erfaringer", "faar", "en", "anden", "vaerdi"])
    }

    @Test func stopWordsAreKept() {
        // A quote needs `en` and `anden`, both on the Danish stop list.
        #expect(terms("får en anden værdi").contains("en"))
        #expect(terms("får en anden værdi").contains("anden"))
    }

    @Test func danishLettersAndTheirTypedFormsMeet() {
        #expect(DanishFolding.fold("værdi") == DanishFolding.fold("vaerdi"))
        #expect(DanishFolding.fold("århus") == DanishFolding.fold("aarhus"))
        #expect(DanishFolding.fold("møde") == "moede")
        #expect(DanishFolding.fold("kött") == "koett")  // ö from a Swedish or German keyboard
        #expect(DanishFolding.fold("idé") == "ide")
    }

    @Test func unicodeNormalisationMakesComposedAndDecomposedLettersOneTerm() throws {
        let decomposed = "va\u{030A}rdi"  // a + combining ring
        let (text, _) = try TextDecoding.decode(Array(decomposed.utf8))
        #expect(terms(text) == terms("vårdi"))
    }

    @Test func termsAreTheFoldedLowercaseWordsWhateverTheLetters() {
        // The tokenizer and the word list build terms byte by byte for Danish letters; every
        // word must still get the term Unicode lowercasing and folding give.
        let words = ["ÆBLE", "Ørsted", "Århus", "Müller", "Café", "CRÈME", "Straße", "naïve", "İstanbul",
                     "ΑΘΗΝΑ", "peer2peer", "ÄRZTE", "Smörgås", "Ðe", "façade"]
        for word in words {
            let expected = DanishFolding.fold(word.lowercased())
            #expect(analyzer.terms(in: word) == [expected], "\(word)")
            #expect(DanishFolding.foldLowercased(word) == expected, "\(word)")
        }
    }

    @Test func anEmojiWithAVariationSelectorGivesNoTerm() {
        // U+FE0E is a mark, so it scans as a word of its own, which folds to nothing: Xapian
        // refuses empty terms, and the whole article was lost.
        #expect(terms("Indholdsfortegnelse 🔎\u{FE0E}</p> Søg") == ["indholdsfortegnelse", "p", "soeg"])
        #expect(analyzer.tokens(in: "\u{FE0E}\u{0301} værdi").map(\.position) == [1])
    }

    @Test func variationSelectorsDoNotHideADecomposedLetter() {
        // U+FE0E follows symbols in most web pages; it never composes, so it alone needs no NFC,
        // but a decomposed å after it still does.
        let selectorOnly = "Læs mere ➡\u{FE0E} om værdi"
        #expect(TextDecoding.normalized(selectorOnly) == selectorOnly)
        #expect(TextDecoding.normalized("➡\u{FE0E} va\u{030A}rdi") == "➡\u{FE0E} vårdi")
    }

    @Test func positionsAndLinesAreCounted() {
        let tokens = analyzer.tokens(in: "Ens erfaringer\nfår en anden værdi")
        #expect(tokens.map(\.position) == [0, 1, 2, 3, 4, 5])
        #expect(tokens.map(\.line) == [1, 1, 2, 2, 2, 2])
        #expect(tokens[2].utf8Range == 15..<19)  // "får" is 4 bytes
    }

    @Test func spacedHyphenFromPDFExtractionJoinsTheParts() {
        let tokens = analyzer.tokens(in: "kalder det i partnerskabs - projektet.")
        #expect(tokens.map(\.term).contains("partnerskabs"))
        #expect(tokens.map(\.term).contains("projektet"))
        let joined = tokens.first { $0.term == "partnerskabsprojektet" }
        #expect(joined?.span == 2)
        #expect(joined?.position == tokens.first { $0.term == "partnerskabs" }?.position)
    }

    @Test func lineEndHyphenationJoinsAcrossTheLineBreak() {
        let tokens = analyzer.tokens(in: "i partnerskabs-\nprojektet arbejder")
        let joined = tokens.first { $0.term == "partnerskabsprojektet" }
        #expect(joined?.line == 1)
        #expect(joined?.endLine == 2)
    }

    @Test func dashBetweenSentencesIsNotAHyphenation() {
        // An en dash, and a spaced hyphen before a capital, separate words.
        #expect(!terms("tilgang – dette særlige").contains("tilgangdette"))
        #expect(!terms("Randers - Kommune").contains("randerskommune"))
    }

    @Test func hyphenatedCompoundsGiveTheirPartsAndTheWhole() {
        let compound = terms("Socialpsykiatrisk Center Syd, Ikast-Brande, Linda")
        #expect(compound.contains("ikast"))
        #expect(compound.contains("brande"))
        #expect(compound.contains("ikastbrande"))
        let worker = terms("en peer-medarbejder")
        #expect(worker.contains("peer"))
        #expect(worker.contains("medarbejder"))
        #expect(worker.contains("peermedarbejder"))
    }

    @Test func numbersJoinedByAHyphenStayApart() {
        #expect(!terms("i 2016-2017").contains("20162017"))
    }

    @Test func danishQuotationMarksAndNoBreakSpacesSeparateWords() {
        #expect(terms("”Det var som sådan mig selv”") == ["det", "var", "som", "saadan", "mig", "selv"])
        #expect(terms("Kilde:\u{00A0}Peer") == ["kilde", "peer"])
    }

    @Test func aSoftHyphenInsideAWordIsInvisible() {
        #expect(terms("partner\u{00AD}skabs\u{00AD}projektet") == ["partnerskabsprojektet"])
    }

    @Test func longHyphenChainsAreNotJoined() {
        // Up to four parts join (`kan-ikke-lade-være`); longer chains are identifiers, not words.
        #expect(terms("kan-ikke-lade-være").contains("kanikkeladevaere"))
        #expect(!terms("a1-b2-c3-d4-e5").contains(where: { $0.count > 2 }))
    }

    @Test func germanSharpSIsTypedAsDoubleS() {
        #expect(DanishFolding.fold("straße") == "strasse")
    }

    @Test func apostropheInsideAWordIsDropped() {
        #expect(terms("FOA's overenskomst") == ["foas", "overenskomst"])
    }

    @Test func stemsComeFromSnowballDanish() {
        #expect(analyzer.stem("erfaringer") == analyzer.stem("erfaring"))
        #expect(analyzer.stem("medarbejdere") == analyzer.stem("medarbejder"))
        #expect(analyzer.stem("2021") == "2021")
    }

    @Test func overlongWordsAreNotIndexedButKeepTheirPosition() {
        let long = String(repeating: "a", count: 80)
        let tokens = analyzer.tokens(in: "før \(long) efter")
        #expect(tokens.map(\.term) == ["foer", "efter"])
        #expect(tokens.map(\.position) == [0, 2])
    }
}
