import Foundation
import PeerSearchCore

/// What the article page shows: the article's metadata, its text line by line with line numbers,
/// page numbers in the margin (PDF), every occurrence of the query marked and linked to the
/// next, and the articles most like it.
struct ArticlePage: Sendable {
    /// "Lignende artikler" lists this many.
    static let similarArticles = 10
    /// Longer texts are shown up to here, with a note; the original file has the rest.
    static let maximumShownBytes = 1 << 20

    struct Line: Sendable {
        var number: Int
        /// The page that starts on this line (PDF); nil on other lines.
        var pageStart: Int?
        var segments: [MarkedText.Segment]
    }

    struct OccurrenceLink: Sendable {
        var number: Int
    }

    struct Similar: Sendable {
        var url: String
        var title: String
        var date: String?
    }

    var frame: PageFrame
    var title: String
    var date: String?
    var author: String?
    var source: String?
    var format: String
    var path: String
    var pageCount: Int?
    var downloadURL: String
    var backURL: String?
    var hasQuery: Bool
    var occurrenceText: String
    var matchLabel: String?
    var hasOccurrences: Bool
    var occurrenceLinks: [OccurrenceLink]
    var lines: [Line]
    var similar: [Similar]
    var hasSimilar: Bool { !similar.isEmpty }

    /// The page of `found`; `query` (may be empty) is what was searched for, with the result
    /// page it came from at `backURL`.
    init(_ found: ArticleOccurrences, query: String, backURL: String?, similar: [Similar], frame: PageFrame) {
        let article = found.article.article
        self.frame = frame
        title = article.title.isEmpty ? "(uden titel)" : article.title
        date = article.date
        author = article.author
        source = article.source
        format = article.format.rawValue.uppercased()
        path = article.path
        pageCount = article.pages?.count
        downloadURL = "/artikel/\(found.article.id)/original"
        self.backURL = backURL
        hasQuery = !query.isEmpty
        let occurrences = Self.merged(found.utf8Ranges)
        occurrenceText = switch occurrences.count {
        case 0: "Søgningen står ikke i teksten."
        case 1: "1 forekomst af søgningen."
        default: "\(occurrences.count) forekomster af søgningen."
        }
        matchLabel = occurrences.isEmpty ? nil : found.match.map(SearchPage.label(for:))
        hasOccurrences = !occurrences.isEmpty
        occurrenceLinks = occurrences.indices.dropFirst().prefix(200).map { OccurrenceLink(number: $0 + 1) }
        lines = Self.lines(of: article.text, pages: article.pages ?? [], marking: occurrences)
        self.similar = similar
    }

    /// Sorted ranges with overlapping ones joined.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The text's lines (up to `maximumShownBytes`), each cut into marked and unmarked runs. An
    /// occurrence across a line break is marked on both lines; only its first piece carries its
    /// number, so each `f<n>` anchor is unique.
    static func lines(of text: String, pages: [Int], marking occurrences: [Range<Int>]) -> [Line] {
        let bytes = Array(text.utf8.prefix(maximumShownBytes))
        let pageOfLine = Dictionary(pages.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        var lines: [Line] = []
        var lineStart = 0, number = 1, next = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            var segments: [MarkedText.Segment] = []
            var position = lineStart
            while next < occurrences.count && occurrences[next].upperBound <= lineStart { next += 1 }
            var index = next
            while index < occurrences.count && occurrences[index].lowerBound < lineEnd {
                let start = max(occurrences[index].lowerBound, lineStart), end = min(occurrences[index].upperBound, lineEnd)
                if position < start { segments.append(.init(text: string(bytes[position..<start]), marked: false)) }
                let first = occurrences[index].lowerBound >= lineStart
                segments.append(.init(text: string(bytes[start..<end]), marked: true, occurrence: first ? index + 1 : nil,
                                      next: first && index + 1 < occurrences.count ? index + 2 : nil))
                position = end
                index += 1
            }
            if position < lineEnd { segments.append(.init(text: string(bytes[position..<lineEnd]), marked: false)) }
            lines.append(Line(number: number, pageStart: pageOfLine[number], segments: segments))
            number += 1
            lineStart = lineEnd + 1
            if lineEnd == bytes.count { break }
        }
        if text.utf8.count > maximumShownBytes {
            lines.append(Line(number: number, pageStart: nil,
                              segments: [.init(text: "… (teksten fortsætter; hent originalen for resten)", marked: false)]))
        }
        return lines
    }

    /// Bytes as text, without pdftotext's form feeds between pages (the margin shows the page).
    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{0C}", with: "")
    }
}
