import Foundation

/// Reads a Markdown article: front-matter metadata (`title`, `author`, `source`, `date`), the
/// first heading as the fallback title, and the text with the markup taken out.
///
/// The text keeps the file's lines (front matter, fences and link definitions become empty
/// lines), so reported line numbers are the file's own. Markup that would make false words is
/// removed: link and image targets, link definitions, inline HTML tags, emphasis and code marks.
/// (JohnSundell/Ink was used first; fuzzing found inputs on which its list and front-matter
/// readers trap, which would stop a whole index run, and its HTML output loses line numbers.)
struct MarkdownReader: ArticleReader {
    var format: ArticleFormat { .markdown }
    var extensions: [String] { ["md", "markdown"] }

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let (markdown, notes) = try input.decodedText()
        let (metadata, text) = try read(markdown: markdown)
        return ExtractedText(metadata: metadata, text: text, notes: notes)
    }

    func read(markdown: String) throws(IngestionError) -> (metadata: ArticleMetadata, text: String) {
        let (frontMatter, bodyStart) = Self.frontMatter(markdown)
        let (text, firstHeading) = MarkdownText.plain(markdown, skippingLines: bodyStart)
        let title = MetadataText.nonEmpty(frontMatter["title"]) ?? MetadataText.nonEmpty(firstHeading)
            ?? MetadataText.nonEmpty(text.split(separator: "\n").first) ?? ""
        let metadata = ArticleMetadata(
            title: title,
            author: MetadataText.nonEmpty(frontMatter["author"] ?? frontMatter["forfatter"]),
            source: MetadataText.nonEmpty(frontMatter["source"] ?? frontMatter["kilde"]),
            date: (frontMatter["date"] ?? frontMatter["dato"]).flatMap(DateNormalizer.normalize))
        return (metadata, text)
    }

    /// A leading `---` … `---` block of `key: value` lines, and how many lines it takes.
    static func frontMatter(_ markdown: String) -> (fields: [String: String], lines: Int) {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            return ([:], 0)
        }
        var fields: [String: String] = [:]
        for line in lines[1..<end] {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !key.isEmpty, !value.isEmpty { fields[key] = value }
        }
        return (fields, end + 1)
    }
}

/// Markdown to plain text, line for line.
enum MarkdownText {
    static func plain(_ markdown: String, skippingLines skipped: Int) -> (text: String, firstHeading: String?) {
        var output: [String] = []
        var firstHeading: String?
        var fence: String?
        for (number, rawLine) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).replacingOccurrences(of: "\r", with: "")
            if number < skipped {
                output.append("")
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil; output.append("") } else { output.append(line) }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                output.append("")
                continue
            }
            if trimmed.wholeMatch(of: /\[[^\]]+\]:\s*\S.*/) != nil || trimmed.wholeMatch(of: /([-*_=]\s*){3,}/) != nil {
                // A link definition, a rule, or a setext underline (the line above is then a heading).
                if trimmed.first == "=" || trimmed.first == "-", firstHeading == nil,
                   let previous = output.last, !previous.trimmingCharacters(in: .whitespaces).isEmpty {
                    firstHeading = previous
                }
                output.append("")
                continue
            }
            var text = trimmed
            if let heading = text.wholeMatch(of: /#{1,6}\s+(.*?)\s*#*/) {
                text = String(heading.1)
                if firstHeading == nil { firstHeading = inline(text) }
            }
            text = text.replacing(/^(>\s?)+/, with: "")
            text = text.replacing(/^([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, with: "")
            output.append(inline(text))
        }
        return (output.joined(separator: "\n"), firstHeading)
    }

    /// Inline markup out: images and links keep their text, targets, tags and marks go.
    static func inline(_ text: String) -> String {
        var result = text
        result = result.replacing(/!\[([^\]]*)\]\([^)]*\)/) { String($0.1) }
        result = result.replacing(/\[([^\]]*)\]\([^)]*\)/) { String($0.1) }
        result = result.replacing(/\[([^\]]*)\]\[[^\]]*\]/) { String($0.1) }
        result = result.replacing(/<(https?|mailto|ftp):[^>\s]*>/, with: "")
        result = result.replacing(/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/, with: "")
        result = result.replacing(/(\*\*|__|~~|[*`])/, with: "")
        return result
    }
}
