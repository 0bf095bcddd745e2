import Foundation
import PeerSearchCore

/// Human-readable results, laid out like ripgrep's: the article, then `line:passage` lines. What
/// comes from articles and file names is printed as `TerminalText`.
struct TextRenderer {
    let colored: Bool

    func render(_ result: SearchResult) -> String {
        var output = ""
        for hit in result.hits {
            if !output.isEmpty { output += "\n" }
            output += style(TerminalText.printable(DisplayPath.relative(hit.path)), .path) + "\n"
            let details = TerminalText.printable([hit.match.rawValue, hit.date, hit.author].compactMap { $0 }.joined(separator: ", "))
            output += style(TerminalText.printable(hit.title), .bold) + " "
                + style("(\(details); score \(String(format: "%.2f", hit.score)))", .dim) + "\n"
            for passage in hit.passages {
                // A PDF's passages are cited by page and line: `s. 20, l. 1546:`; text read by OCR
                // says so, since OCR makes mistakes: `s. 2, l. 8 (OCR):`.
                let ocr = passage.sourceText == .ocr ? " (OCR)" : ""
                let place = (passage.page.map { "s. \($0), l. \(passage.line)" } ?? "\(passage.line)") + ocr + ":"
                output += style(place, .lineNumber) + highlighted(passage) + "\n"
            }
        }
        if let suggestion = result.suggestion {
            if !output.isEmpty { output += "\n" }
            output += "Mente du: \(style(TerminalText.printable(suggestion), .bold))?\n"
        }
        if let facets = result.facets {
            output += (output.isEmpty ? "" : "\n") + renderFacets(facets)
        }
        return output
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
