import Foundation
import PeerSearchCore

/// The facet column of the search page: counts by year (also drawn as a bar chart), author,
/// source, format and folder over the whole match set, each value a link that adds its filter
/// (or, when it is in force, takes it away again).
struct FacetsView: Sendable {
    /// Values listed per facet (the most frequent; the chart shows every year).
    static let listedValues = 10

    struct Value: Sendable {
        var value: String
        var count: Int
        var url: String
        var active: Bool
    }

    struct Facet: Sendable {
        var label: String
        var values: [Value]
    }

    var facets: [Facet] = []
    var yearChart: YearChart?

    init() {}

    /// The facets of a search's `counted` values, for the page at `request`.
    init(_ counted: [String: [FacetValue]], request: SearchPageRequest) {
        func link(_ value: FacetValue, shown: String) -> Value {
            let active = request.filters.contains(value.filter)
            let url = request.url { page in
                if active { page.filters.removeAll { $0 == value.filter } } else { page.filters.append(value.filter) }
            }
            return Value(value: shown, count: value.count, url: url, active: active)
        }
        for field in FacetField.allCases {
            guard let values = counted[field.rawValue], !values.isEmpty else { continue }
            let folders = field == .folder ? Self.commonFolder(of: values.map(\.value)) : ""
            facets.append(Facet(label: Self.label(for: field), values: values.prefix(Self.listedValues).map { value in
                link(value, shown: field == .folder ? Self.shortened(value.value, below: folders) : value.value)
            }))
        }
        let years = (counted[FacetField.year.rawValue] ?? []).compactMap { value in
            Int(value.value).map { (year: $0, count: value.count, url: link(value, shown: value.value).url) }
        }
        yearChart = YearChart(counts: years)
    }

    static func label(for field: FacetField) -> String {
        switch field {
        case .year: "År"
        case .author: "Forfatter"
        case .source: "Kilde"
        case .format: "Format"
        case .folder: "Mappe"
        }
    }

    /// The folder every listed folder is in, so each can be shown by what sets it apart (for one
    /// folder, its parent).
    static func commonFolder(of folders: [String]) -> String {
        if folders.count == 1 { return (folders[0] as NSString).deletingLastPathComponent }
        guard var common = folders.first?.split(separator: "/", omittingEmptySubsequences: false) else { return "" }
        for folder in folders.dropFirst() {
            let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
            common = Array(zip(common, parts).prefix { $0 == $1 }.map(\.0))
        }
        return common.joined(separator: "/")
    }

    static func shortened(_ folder: String, below common: String) -> String {
        guard !common.isEmpty, folder.hasPrefix(common + "/") else { return folder }
        return "…/" + folder.dropFirst(common.count + 1)
    }
}

/// The years of a match set as an inline SVG bar chart (no JavaScript): one bar per year from
/// the first to the last, each a link that filters to its year.
struct YearChart: Sendable {
    struct Bar: Sendable {
        var x: Int
        var y: Int
        var barWidth: Int
        var barHeight: Int
        var label: String
        var count: Int
        var url: String
    }

    struct Tick: Sendable {
        var x: Int
        var y: Int
        var anchor: String
        var label: String
    }

    let width = 280
    let height = 110
    var bars: [Bar]
    var axis: [Tick]

    /// Nil when there are fewer than two years to compare.
    init?(counts: [(year: Int, count: Int, url: String)]) {
        guard let first = counts.map(\.year).min(), let last = counts.map(\.year).max(), last > first,
              let most = counts.map(\.count).max(), most > 0 else { return nil }
        let byYear = Dictionary(counts.map { ($0.year, $0) }, uniquingKeysWith: { first, _ in first })
        let span = last - first + 1
        let plot = 90, slot = max(1, width / span)
        bars = (first...last).compactMap { year in
            guard let entry = byYear[year] else { return nil }
            let barHeight = max(2, entry.count * plot / most)
            return Bar(x: (year - first) * slot, y: plot - barHeight, barWidth: max(1, slot - 1), barHeight: barHeight,
                       label: String(year), count: entry.count, url: entry.url)
        }
        axis = [Tick(x: 0, y: 106, anchor: "start", label: String(first)),
                Tick(x: span * slot, y: 106, anchor: "end", label: String(last))]
    }
}
