import Foundation

/// Reads the dates articles carry (ISO 8601, Danish `5. marts 2021`, `05-03-2021`, PDF dates,
/// a `2021-…` file name prefix) as ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
public enum DateNormalizer {
    public static func normalize(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let match = text.firstMatch(of: /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[t ].*)?$/) {
            return iso(year: Int(match.1), month: match.2.flatMap { Int($0) }, day: match.3.flatMap { Int($0) })
        }
        if let match = text.firstMatch(of: /^(\d{1,2})[.\/-](\d{1,2})[.\/-](\d{4})$/) {
            return iso(year: Int(match.3), month: Int(match.2), day: Int(match.1))
        }
        if let match = text.firstMatch(of: /^(?:(\d{1,2})\.?\s+)?([a-zæøå]+)\.?\s+(\d{4})$/),
           let month = danishMonth(String(match.2)) {
            return iso(year: Int(match.3), month: month, day: match.1.flatMap { Int($0) })
        }
        return nil
    }

    /// The date a file name starts with, as in `2021-moed-en-peer.txt` or `2017-03-05_nyhed.html`.
    public static func fromFileName(_ name: String) -> String? {
        // Read by hand: this runs for every file, and a regex costs more than the rest together.
        let bytes = Array(name.utf8.prefix(11))
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func isSeparator(_ index: Int) -> Bool {
            index < bytes.count && [0x2D, 0x5F, 0x20, 0x2E].contains(bytes[index])  // - _ space .
        }
        guard let year = number(0..<4), isSeparator(4) else { return nil }
        guard bytes[4] == 0x2D, let month = number(5..<7), isSeparator(7) else { return iso(year: year, month: nil, day: nil) }
        guard bytes[7] == 0x2D, let day = number(8..<10), isSeparator(10) else { return iso(year: year, month: month, day: nil) }
        return iso(year: year, month: month, day: day)
    }

    private static func iso(year: Int?, month: Int?, day: Int?) -> String? {
        guard let year, (1800...2200).contains(year) else { return nil }
        guard let month else { return String(format: "%04d", year) }
        guard (1...12).contains(month) else { return nil }
        guard let day else { return String(format: "%04d-%02d", year, month) }
        guard (1...31).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private static func danishMonth(_ name: String) -> Int? {
        let months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                      "oktober", "november", "december"]
        if let index = months.firstIndex(of: name) { return index + 1 }
        if name.count >= 3, let index = months.firstIndex(where: { $0.hasPrefix(name) }) { return index + 1 }
        return nil
    }
}
