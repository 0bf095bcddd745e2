/// Text cut into runs, each marked (a match, shown in `<mark>`) or not, so a template can mark
/// matches while escaping every character of the text itself: no HTML is ever built by hand.
struct MarkedText: Sendable {
    struct Segment: Sendable {
        var text: String
        var marked: Bool
        /// For a marked run on the article page: the 1-based number of its occurrence, and the
        /// next one's (for the "next" link); nil elsewhere.
        var occurrence: Int?
        var next: Int?
    }

    var segments: [Segment]

    /// `text` with the [start, end) ranges in Unicode scalars (a passage's `highlights`) marked;
    /// ranges out of order, overlapping or out of bounds are clamped, never trusted.
    init(_ text: String, markingScalars ranges: [[Int]]) {
        let scalars = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var position = 0
        for range in ranges.sorted(by: { ($0.first ?? 0) < ($1.first ?? 0) }) where range.count == 2 {
            let start = min(max(range[0], position), scalars.count), end = min(max(range[1], start), scalars.count)
            guard start < end else { continue }
            if position < start { segments.append(Segment(text: Self.string(scalars[position..<start]), marked: false)) }
            segments.append(Segment(text: Self.string(scalars[start..<end]), marked: true))
            position = end
        }
        if position < scalars.count { segments.append(Segment(text: Self.string(scalars[position...]), marked: false)) }
        self.segments = segments
    }

    init(segments: [Segment]) {
        self.segments = segments
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var string = String.UnicodeScalarView()
        string.append(contentsOf: scalars)
        return String(string)
    }
}
