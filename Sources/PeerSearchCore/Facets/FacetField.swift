import Foundation
import Ingestion

/// The facets a search can count its matches by, each from a value slot stored at index time
/// (`TermScheme.Slot`), and each value usable as a filter in the query language: `date:2021`
/// for a year, `author="…"`, `source="…"`, `format=pdf`, `folder="…"` for the others (the
/// whole stored value, exactly).
public enum FacetField: String, CaseIterable, Sendable, Codable {
    case year, author, source, format, folder

    /// The slot counted: a year is the first four digits of the date (`YYYYMMDD`).
    var slot: UInt32 {
        switch self {
        case .year: TermScheme.Slot.date
        case .author: TermScheme.Slot.author
        case .source: TermScheme.Slot.source
        case .format: TermScheme.Slot.format
        case .folder: TermScheme.Slot.folder
        }
    }

    /// The value as counted, from what the slot holds (nil: not counted).
    func value(ofStored stored: String) -> String? {
        guard self == .year else { return stored }
        let year = stored.prefix(4)
        return year.count == 4 && year.allSatisfy(\.isASCII) && year.allSatisfy(\.isNumber) ? String(year) : nil
    }

    /// The query-language filter that keeps exactly the articles counted under `value`.
    public func filter(for value: String) -> String {
        switch self {
        case .year: "date:\(value)"
        default: "\(rawValue)=\(Self.quoted(value))"
        }
    }

    /// `value` as the `field=` filters read it: bare when it is one plain run of characters,
    /// else in double quotes, with `"` and `\` escaped by a backslash.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            !scalar.properties.isWhitespace && !"()\"\\".unicodeScalars.contains(scalar)
                && !QuerySyntax.quoteMarks.contains(Character(scalar))
        }
        if plain { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// The fields the `field=` filters take (English and Danish names).
    static let exactFilterNames: [String: FacetField] = [
        "author": .author, "forfatter": .author, "source": .source, "kilde": .source,
        "format": .format, "type": .format, "folder": .folder, "mappe": .folder,
    ]

    /// The facet values an article is stored with: author, source, format, and the folder its
    /// file is in (for an article kept under an id, the id's folder, if it has one). The year is
    /// read from the date slot, which the date ranges use too.
    static func values(of article: Article) -> [(slot: UInt32, value: String)] {
        var values: [(slot: UInt32, value: String)] = [(TermScheme.Slot.format, article.format.rawValue)]
        if let author = article.metadata.author?.trimmingCharacters(in: .whitespacesAndNewlines), !author.isEmpty {
            values.append((TermScheme.Slot.author, author))
        }
        if let source = article.metadata.source?.trimmingCharacters(in: .whitespacesAndNewlines), !source.isEmpty {
            values.append((TermScheme.Slot.source, source))
        }
        let folder = (article.path as NSString).deletingLastPathComponent
        if !folder.isEmpty { values.append((TermScheme.Slot.folder, folder)) }
        return values
    }
}
