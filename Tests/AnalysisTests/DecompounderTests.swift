import Foundation
import Analysis
import Testing

/// Splitting closed Danish compounds into words of a word list.
@Suite struct DecompounderTests {
    let decompounder = Decompounder(words: [
        "social", "psykiatri", "psykiatrien", "partnerskab", "projektet", "projekt", "peer", "medarbejder",
        "gæst", "værelse", "forslag", "for", "slag", "bolig", "selskab", "bestyrelse", "møde",
    ])

    @Test func aClosedCompoundSplitsIntoItsWords() {
        #expect(decompounder.split("socialpsykiatrien") == ["social", "psykiatrien"])
        #expect(decompounder.split("peermedarbejder") == ["peer", "medarbejder"])
    }

    @Test func theLinkingLettersStayOnTheFirstPart() {
        #expect(decompounder.split("partnerskabsprojektet") == ["partnerskabs", "projektet"])  // -s-
        #expect(decompounder.split(DanishFolding.fold("gæsteværelse")) == ["gaeste", "vaerelse"])  // -e-
    }

    @Test func threeWordCompoundsSplitIntoThree() {
        #expect(decompounder.split(DanishFolding.fold("boligselskabsbestyrelsesmøde")) == nil)  // four words: too many
        #expect(decompounder.split("boligselskabsbestyrelse") == ["bolig", "selskabs", "bestyrelse"])
    }

    @Test func aWordListFileIsReadAsFoldedLowercaseWords() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)").path
        try "Æble\nMÜLLER\nsmörgås\nΘέμα\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try #require(Decompounder(wordListPath: path))
        #expect(fromFile.split("aeblemuller") == ["aeble", "muller"])  // ü folds to u
        #expect(fromFile.split("smoergaasaeble") == ["smoergaas", "aeble"])
        #expect(fromFile.split(DanishFolding.fold("θέμαaeble")) == ["θεμα", "aeble"])  // cut as Characters
    }

    @Test func knownWordsAndNonWordFragmentsAreNotSplit() {
        #expect(decompounder.split("forslag") == nil)        // in the list: a word of its own
        #expect(decompounder.split("socialxyzpsykiatri") == nil)  // a fragment that is no word
        #expect(decompounder.split("peerx") == nil)
    }

    @Test func debiansWordListLoadsWhenInstalled() throws {
        let wordList = try #require(Decompounder(), "install wdanish (scripts/install-dependencies.sh does)")
        #expect(wordList.split("socialpsykiatrien") == ["social", "psykiatrien"])
        #expect(wordList.split("partnerskabsprojektet") == ["partnerskabs", "projektet"])
    }
}
