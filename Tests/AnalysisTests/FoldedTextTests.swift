import Analysis
import Testing

/// The folded text that candidate lines are searched in: terms are found by bytes, on the lines
/// and near the places in the text where they stand.
@Suite struct FoldedTextTests {
    private func occurrences(of term: String, in folded: FoldedText) -> [(Range<Int>, ClosedRange<Int>)] {
        var found: [(Range<Int>, ClosedRange<Int>)] = []
        folded.forEachOccurrence(of: Array(term.utf8)) { range, lines in
            found.append((range, lines))
            return true
        }
        return found
    }

    @Test func termsAreFoundAcrossHyphenationOnTheirLines() {
        let folded = FoldedText(utf8: Array("Et Partnerskabs-\nprojektet og FOA's idé\n".utf8))
        let found = occurrences(of: "partnerskabsprojektet", in: folded)
        #expect(found.map(\.1) == [0...1])
        #expect(occurrences(of: "foasideogx", in: folded).isEmpty)
        #expect(occurrences(of: "foaside", in: folded).map(\.1) == [1...1])
    }

    @Test func aTextThatFoldsLongerIsFoldedWhole() {
        // Ⱥ (2 bytes) lowercases to ⱥ (3 bytes): the folded text outgrows the text.
        let text = String(repeating: "Ⱥ", count: 5_000) + "\nslutning"
        let folded = FoldedText(utf8: Array(text.utf8))
        #expect(folded.count == 15_000 + "slutning".utf8.count)
        #expect(occurrences(of: "slutning", in: folded).map(\.1) == [1...1])
    }

    @Test func anOccurrenceIsPlacedInTheTextWithinAFewKilobytes() {
        let filler = String(repeating: "Æblet falder – ikke langt fra stammen. ", count: 5_000)
        let text = filler + "glasmageren" + filler
        let folded = FoldedText(utf8: Array(text.utf8))
        guard let (range, lines) = occurrences(of: "glasmageren", in: folded).first else {
            Issue.record("not found")
            return
        }
        #expect(lines == 0...0)
        let source = folded.sourceRange(covering: range)
        let actual = filler.utf8.count..<(filler.utf8.count + "glasmageren".utf8.count)
        #expect(source.lowerBound <= actual.lowerBound && actual.upperBound <= source.upperBound)
        #expect(source.count <= 2 * 4096 + actual.count)
    }
}
