import Foundation

/// Search results as JSON, for the CLI and the HTTP API alike (`schema/search-result.schema.json`).
/// Keys are sorted, so the same result always gives the same bytes.
public enum ResultJSON {
    /// `{"schema_version":1,"query":…,"total":N,"hits":[…],"suggestion":…}`; with `fields`, each
    /// hit keeps only those keys.
    public static func document(_ result: SearchResult, fields: Set<String>? = nil) throws -> Data {
        // Whole hits need no detour through a dictionary (the same bytes, several times faster).
        guard fields != nil else { return try encode(result) }
        var object = try dictionary(result)
        if let fields, let hits = object["hits"] as? [[String: Any]] {
            object["hits"] = hits.map { $0.filter { fields.contains($0.key) } }
        }
        return try serialize(object)
    }

    /// One hit per line, each carrying `schema_version`.
    public static func lines(_ result: SearchResult, fields: Set<String>? = nil) throws -> [Data] {
        let hits = try dictionary(result)["hits"] as? [[String: Any]] ?? []
        return try hits.map { hit in
            var line = fields.map { fields in hit.filter { fields.contains($0.key) } } ?? hit
            line["schema_version"] = SearchResult.schemaVersion
            return try serialize(line)
        }
    }

    /// Any Encodable value, with the same formatting.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// The keys a hit has, for validating `--fields`.
    public static let hitFields: Set<String> = ["id", "rank", "path", "title", "author", "source", "date", "score", "match", "passages",
                                                   "differences", "duplicates"]

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    private static func dictionary(_ result: SearchResult) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try encoder.encode(result)) as? [String: Any] ?? [:]
    }

    private static func serialize(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }
}
