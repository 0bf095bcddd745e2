import Foundation
import PeerSearchCore

/// Machine-readable results (the schema is documented in the README).
enum JSONRenderer {
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        // Sorted keys: the same result always prints the same bytes.
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    /// `{"query":…,"total":N,"hits":[…]}`
    static func document(_ result: SearchResult) throws -> String {
        String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// One hit object per line.
    static func lines(_ result: SearchResult) throws -> [String] {
        try result.hits.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }
}
