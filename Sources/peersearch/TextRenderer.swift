import Foundation
import PeerSearchCore

/// Human-readable results, laid out like ripgrep's: the article, the paths of its duplicates
/// (`also: …`), then `line:passage` lines. What comes from articles and file names is printed as
/// `TerminalText`.
struct TextRenderer {
    let colored: Bool
    /// With `--fields`: the hit fields to show (path, title, match, date, author, score, passages …).
    var fields: Set<String>?
    /// With `-C n`: lines of the article shown before and after each passage (`n-` before them,
    /// as grep), read through `articleText` (by document id).
    var context = 0
    var articleText: ((Int) -> String?)?

    private func shows(_ field: String) -> Bool { fields?.contains(field) ?? true }

    func render(_ result: SearchResult) -> String {
        var output = ""
        for hit in result.hits {
            if !output.isEmpty { output += "\n" }
            if shows("path") { output += style(TerminalText.printable(DisplayPath.relative(hit.path)), .path) + "\n" }
            let match = hit.differences.map { "\(hit.match.rawValue): " + Self.describe($0) } ?? hit.match.rawValue
            var details = [shows("match") ? match : nil, shows("date") ? hit.date : nil,
                           shows("author") ? hit.author : nil].compactMap { $0 }.joined(separator: ", ")
            if shows("score") { details += (details.isEmpty ? "" : "; ") + "score \(String(format: "%.2f", hit.score))" }
            if fields?.contains("id") == true { details += (details.isEmpty ? "" : "; ") + "id \(hit.id)" }
            var heading = shows("title") ? style(TerminalText.printable(hit.title), .bold) : ""
            if !details.isEmpty { heading += (heading.isEmpty ? "" : " ") + style("(\(TerminalText.printable(details)))", .dim) }
            if !heading.isEmpty { output += heading + "\n" }
            if shows("duplicates"), !hit.duplicates.isEmpty {
                let paths = hit.duplicates.map { TerminalText.printable(DisplayPath.relative($0)) }
                output += style("also: " + paths.joined(separator: ", "), .dim) + "\n"
            }
            guard shows("passages") else { continue }
            let lines = context > 0 ? articleText?(hit.id).map { $0.split(separator: "\n", omittingEmptySubsequences: false) } : nil
            var printedThrough = 0
            for passage in hit.passages {
                if let lines {
                    let first = max(passage.line - context, printedThrough + 1, 1)
                    if printedThrough > 0 && first > printedThrough + 1 { output += style("--", .dim) + "\n" }
                    output += contextLines(lines, first..<passage.line)
                }
                // A PDF's passages are cited by page and line: `p. 20, l. 1546:`; text read by OCR
                // says so, since OCR makes mistakes: `p. 2, l. 8 (OCR):`.
                let ocr = passage.sourceText == .ocr ? " (OCR)" : ""
                let place = (passage.page.map { "p. \($0), l. \(passage.line)" } ?? "\(passage.line)") + ocr + ":"
                output += style(place, .lineNumber) + highlighted(passage) + "\n"
                printedThrough = max(printedThrough, passage.endLine)
                if let lines {
                    let after = (printedThrough + 1)..<min(passage.endLine + context + 1, lines.count + 1)
                    output += contextLines(lines, after)
                    printedThrough = max(printedThrough, after.upperBound - 1)
                }
            }
        }
        if let facets = result.facets {
            output += (output.isEmpty ? "" : "\n") + renderFacets(facets)
        }
        return output
    }

    /// What a search says about its spelling, for standard error: the suggestion searched
    /// instead of a query that found nothing (`Showing results for »…«. Search instead for
    /// »…«`), or "Did you mean"; nil when it has no suggestion.
    static func spellingNote(_ result: SearchResult) -> String? {
        guard let suggestion = result.suggestion.map({ TerminalText.printable($0) }) else { return nil }
        guard result.searchedInstead else { return "Did you mean: \(suggestion)?" }
        let typed = TerminalText.printable(result.query.hasPrefix("+") ? result.query : "+" + result.query)
        return "Showing results for »\(suggestion)«. Search instead for »\(typed)«"
    }

    /// What an approximate hit has for the quote's words, slip by slip: `har → får` for a word
    /// changed, `-mine` for one missing, `+nu` for one extra, `den ene → ene den` for two swapped.
    static func describe(_ differences: [WordDifference]) -> String {
        differences.map { difference in
            if difference.query.isEmpty { return "+" + difference.text }
            if difference.text.isEmpty { return "-" + difference.query }
            return "\(difference.query) → \(difference.text)"
        }.joined(separator: ", ")
    }

    /// The article's lines `range` (1-based), as grep prints context: `12-text`.
    private func contextLines(_ lines: [Substring], _ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return range.filter { $0 >= 1 && $0 <= lines.count }.map { number in
            style("\(number)-", .lineNumber) + TerminalText.printable(String(lines[number - 1])) + "\n"
        }.joined()
    }

    /// Values shown per facet in text (JSON has them all, up to `FacetCounter`'s limit).
    static let facetValuesShown = 5

    /// `year: 2021 (3), 2019 (1)` … one line per facet, the most frequent values first, with how
    /// many more there are.
    private func renderFacets(_ facets: [String: [FacetValue]]) -> String {
        var output = ""
        for field in FacetField.allCases {
            let values = facets[field.rawValue] ?? []
            var line = values.prefix(Self.facetValuesShown).map { value in
                let shown = field == .folder ? DisplayPath.relative(value.value) : value.value
                return "\(TerminalText.printable(shown)) (\(value.count))"
            }.joined(separator: ", ")
            if values.count > Self.facetValuesShown { line += ", … \(values.count - Self.facetValuesShown) more" }
            output += style("\(field.rawValue):", .dim) + " " + (line.isEmpty ? "–" : line) + "\n"
        }
        return output
    }

    private func highlighted(_ passage: Passage) -> String {
        let text = TerminalText.printable(passage.text)
        guard colored else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var cursor = 0
        for highlight in passage.highlights where highlight[0] >= cursor && highlight[1] <= scalars.count {
            output.append(contentsOf: scalars[cursor..<highlight[0]])
            output.append(contentsOf: Terminal.Style.match.rawValue.unicodeScalars)
            output.append(contentsOf: scalars[highlight[0]..<highlight[1]])
            output.append(contentsOf: Terminal.Style.reset.unicodeScalars)
            cursor = highlight[1]
        }
        output.append(contentsOf: scalars[cursor...])
        return String(output)
    }

    private func style(_ text: String, _ style: Terminal.Style) -> String {
        colored ? style.rawValue + text + Terminal.Style.reset : text
    }
}

/// Paths shown to people: relative to the current folder when inside it.
enum DisplayPath {
    static func relative(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
