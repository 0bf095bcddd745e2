/// Binary search over ascending byte offsets, such as where a text's lines start: which line an
/// offset falls on. Shared by `FoldedText` and the article text that passages are cut from.
public enum SortedOffsets {
    /// The last index whose value is at most `value` in ascending `values` (0 when none is).
    public static func lastIndex(in values: [Int], notAfter value: Int) -> Int {
        var low = 0, high = values.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if values[middle] <= value { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
