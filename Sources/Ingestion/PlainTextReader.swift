import Foundation

/// Reads a plain-text article. The first non-empty line is the title; `Forfatter:` (author),
/// `Kilde:` (source) and `Dato:` (date) lines give the other metadata.
struct PlainTextReader {
    func read(text: String) -> (metadata: ArticleMetadata, titleIsInText: Bool) {
        var metadata = ArticleMetadata()
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            if metadata.title.isEmpty {
                metadata.title = MetadataText.clean(line.drop(while: { $0 == "#" }))
                continue
            }
            guard let (label, value) = Self.labelled(line) else { continue }
            switch label {
            case "forfatter", "author", "af": metadata.author = metadata.author ?? value
            case "kilde", "source": metadata.source = metadata.source ?? value
            case "dato", "date", "udgivet": metadata.date = metadata.date ?? DateNormalizer.normalize(value)
            default: break
            }
        }
        return (metadata, !metadata.title.isEmpty)
    }

    /// `Label: value` with a short one-word label.
    private static func labelled(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].lowercased()
        guard label.count <= 10, label.allSatisfy(\.isLetter) else { return nil }
        let value = MetadataText.clean(line[line.index(after: colon)...])
        return value.isEmpty ? nil : (label, value)
    }
}

/// Tidies metadata strings: whitespace collapsed, length bounded.
enum MetadataText {
    static let maximumLength = 300

    static func clean<S: StringProtocol>(_ raw: S) -> String {
        let collapsed = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.count > maximumLength ? String(collapsed.prefix(maximumLength)) : collapsed
    }

    static func nonEmpty<S: StringProtocol>(_ raw: S?) -> String? {
        guard let raw else { return nil }
        let cleaned = clean(raw)
        return cleaned.isEmpty ? nil : cleaned
    }
}
