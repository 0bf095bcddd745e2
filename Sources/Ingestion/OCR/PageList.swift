/// Page numbers as people write them in a note: `page 2`, `pages 1-3, 7`.
enum PageList {
    static func describe(_ pages: [Int]) -> String {
        var runs: [String] = []
        var index = 0
        while index < pages.count {
            var end = index
            while end + 1 < pages.count, pages[end + 1] == pages[end] + 1 { end += 1 }
            runs.append(end == index ? "\(pages[index])" : "\(pages[index])-\(pages[end])")
            index = end + 1
        }
        return (pages.count == 1 ? "page " : "pages ") + runs.joined(separator: ", ")
    }
}
