/// The facet column of the search page: counts by year (also drawn as a bar chart), author,
/// source, format and folder, each value a link that adds its filter.
struct FacetsView: Sendable {
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
    var hasAny: Bool { facets.contains { !$0.values.isEmpty } }
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
