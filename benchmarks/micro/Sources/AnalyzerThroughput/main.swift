// Throughput of peersearch's analyser and readers, in plain numbers: tokens/s and MB/s.
//
//   swift run --package-path benchmarks/micro -c release AnalyzerThroughput [--runs N] [--json PATH]
//
// Each measurement is repeated N times (default 5) after one warm-up; the median run is reported
// (and the best, since a shared machine only ever makes runs slower). BENCH_TEXT_MB sets the text
// size (default 5 MB).
import BenchmarkText
import Foundation
import Analysis
import Ingestion

/// Prints `message` on stderr and exits 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(message.utf8))
    exit(2)
}

var runs = 5
var jsonPath: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--runs": runs = max(1, arguments.next().flatMap { Int($0) } ?? runs)
    case "--json": jsonPath = arguments.next()
    case "-h", "--help":
        print("usage: AnalyzerThroughput [--runs N] [--json PATH]   (BENCH_TEXT_MB=5)")
        exit(0)
    default:
        fail("AnalyzerThroughput: unknown argument '\(argument)'\n")
    }
}

struct Row: Encodable {
    var name: String
    var bytes: Int
    var items: Int
    var unit: String
    var medianSeconds: Double
    var bestSeconds: Double
    var mbPerSecond: Double
    var itemsPerSecond: Double
}

/// Times `work` once to warm up, then `runs` times; `work` returns how many items it handled.
func measure(_ name: String, bytes: Int, unit: String, runs: Int, _ work: () -> Int) -> Row {
    var items = work()
    var times: [Double] = []
    for _ in 0..<runs {
        times.append(secondsTaken { items = work() })
    }
    times.sort()
    let median = times[times.count / 2]
    return Row(name: name, bytes: bytes, items: items, unit: unit, medianSeconds: median, bestSeconds: times[0],
               mbPerSecond: Double(bytes) / 1e6 / median, itemsPerSecond: Double(items) / median)
}

func grouped(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    formatter.groupingSeparator = ","
    return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
}

let analyzer: DanishAnalyzer
do {
    analyzer = try DanishAnalyzer()
} catch {
    fail("AnalyzerThroughput: cannot make the Danish analyser: \(error)\n")
}
let text = BenchmarkText.danishText
let textBytes = text.utf8.count
print("text: \(BenchmarkText.sourceDescription); \(runs) runs after 1 warm-up, median reported")

var rows: [Row] = []

rows.append(measure("DanishAnalyzer.tokens(in:)", bytes: textBytes, unit: "tokens", runs: runs) {
    analyzer.tokens(in: text).count
})

let article = BenchmarkText.danishPrefix(bytes: 64 * 1024)
let articleBytes = article.utf8.count
let articleRepeats = max(1, textBytes / max(1, articleBytes))
rows.append(measure("DanishAnalyzer.tokens(in:), 64 KB pieces", bytes: articleBytes * articleRepeats, unit: "tokens", runs: runs) {
    var count = 0
    for _ in 0..<articleRepeats { count += analyzer.tokens(in: article).count }
    return count
})

let tokens = analyzer.tokens(in: text)
rows.append(measure("tokens + stem(term), cached (as indexing)", bytes: textBytes, unit: "tokens", runs: runs) {
    var count = 0
    for token in analyzer.tokens(in: text) {
        count += analyzer.stem(token.term).isEmpty ? 0 : 1
    }
    return count
})

let distinctTerms = Array(Set(tokens.map(\.term))).sorted()
let distinctBytes = distinctTerms.reduce(0) { $0 + $1.utf8.count }
rows.append(measure("stem(term), uncached (\(grouped(Double(distinctTerms.count))) distinct terms)", bytes: distinctBytes, unit: "terms", runs: runs) {
    guard let fresh = try? DanishAnalyzer() else { return 0 }   // an empty stem cache
    var count = 0
    for term in distinctTerms where !fresh.stem(term).isEmpty { count += 1 }
    return count
})

let loader = ArticleLoader()
for (label, path) in [("large HTML", BenchmarkText.largeHTMLFile), ("small HTML", BenchmarkText.smallHTMLFile), ("text", BenchmarkText.textArticleFile)] {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let repeats = max(1, 2_000_000 / max(1, size))   // ~2 MB of file per run
    let name = "ArticleLoader.load, \(label) (\((path as NSString).lastPathComponent), \(grouped(Double(size) / 1000)) KB) ×\(repeats)"
    rows.append(measure(name, bytes: size * repeats, unit: "files", runs: runs) {
        var count = 0
        for _ in 0..<repeats where (try? loader.load(path: path)) != nil { count += 1 }
        return count
    })
}

print("")
print("| benchmark | MB | items | median s | MB/s | items/s | best MB/s |")
print("|---|---|---|---|---|---|---|")
for row in rows {
    let mb = Double(row.bytes) / 1e6
    print("| \(row.name) | \(String(format: "%.2f", mb)) | \(grouped(Double(row.items))) \(row.unit) | \(String(format: "%.3f", row.medianSeconds)) | \(String(format: "%.2f", row.mbPerSecond)) | \(grouped(row.itemsPerSecond)) \(row.unit)/s | \(String(format: "%.2f", mb / row.bestSeconds)) |")
}
let headline = rows[0]
print("")
print("analyser: \(grouped(headline.itemsPerSecond)) tokens/s, \(String(format: "%.2f", headline.mbPerSecond)) MB/s (DanishAnalyzer.tokens(in:) over \(String(format: "%.2f", Double(textBytes) / 1e6)) MB, median of \(runs))")

if let jsonPath {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    struct Output: Encodable { var text: String; var runs: Int; var results: [Row] }
    do {
        try encoder.encode(Output(text: BenchmarkText.sourceDescription, runs: runs, results: rows)).write(to: URL(fileURLWithPath: jsonPath))
    } catch {
        fail("AnalyzerThroughput: cannot write \(jsonPath): \(error)\n")
    }
}
