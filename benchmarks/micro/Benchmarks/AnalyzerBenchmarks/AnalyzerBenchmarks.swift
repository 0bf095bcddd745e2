// Micro benchmarks of the Danish analyser and the article readers (ordo-one/benchmark).
//
//   swift package --package-path benchmarks/micro --scratch-path benchmarks/micro/.build benchmark
//
// Besides wall clock, throughput (iterations/s), allocations and peak memory, each benchmark
// records its own rate as custom metrics ("KB/s" of input text, "tokens/s", "terms/s"; larger is
// better; custom metrics are integers, hence KB/s rather than MB/s), so the table shows the rate
// directly. The text is BenchmarkText.danishText (~5 MB; BENCH_TEXT_MB).
import Benchmark
import BenchmarkText
import Foundation
import Analysis
import Ingestion

/// A rate (per second) as a custom metric, recorded once per iteration.
func rate(_ name: String) -> BenchmarkMetric {
    .custom(name, polarity: .prefersLarger, useScalingFactor: false)
}

let kilobytesPerSecond = rate("KB/s")
let tokensPerSecond = rate("tokens/s")
let termsPerSecond = rate("terms/s")

/// Runs `work` (which handles `bytes` bytes and returns how many items) once per scaled
/// iteration, and records KB/s and, if `itemMetric` is given, items/s.
func timed(_ benchmark: Benchmark, bytes: Int, itemMetric: BenchmarkMetric?, _ work: () -> Int) {
    for _ in benchmark.scaledIterations {
        var items = 0
        let seconds = secondsTaken { items = work() }
        guard seconds > 0 else { continue }
        benchmark.measurement(kilobytesPerSecond, Int((Double(bytes) / 1e3 / seconds).rounded()))
        if let itemMetric { benchmark.measurement(itemMetric, Int((Double(items) / seconds).rounded())) }
        blackHole(items)
    }
}

let benchmarks: @Sendable () -> Void = {
    let common: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident]
    let units: [BenchmarkMetric: BenchmarkUnits] = [kilobytesPerSecond: .count]   // 14,123 KB/s, not "14 (K)"
    let long = Benchmark.Configuration(metrics: common + [kilobytesPerSecond, tokensPerSecond], units: units,
                                       warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

    guard let analyzer = try? DanishAnalyzer() else { fatalError("cannot make the Danish analyser (Xapian's danish stemmer)") }
    let text = BenchmarkText.danishText
    let textBytes = text.utf8.count
    let megabytes = String(format: "%.1f MB", Double(textBytes) / 1e6)

    // The analyser over the whole text at once.
    Benchmark("DanishAnalyzer.tokens(in:) \(megabytes)", configuration: long) { benchmark in
        timed(benchmark, bytes: textBytes, itemMetric: tokensPerSecond) { analyzer.tokens(in: text).count }
    }

    // Article-sized pieces (64 KB), the size the indexer usually hands it.
    let article = BenchmarkText.danishPrefix(bytes: 64 * 1024)
    Benchmark("DanishAnalyzer.tokens(in:) 64 KB",
              configuration: .init(metrics: common + [kilobytesPerSecond, tokensPerSecond], units: units, warmupIterations: 3,
                                   maxDuration: .seconds(5), maxIterations: 1_000)) { benchmark in
        timed(benchmark, bytes: article.utf8.count, itemMetric: tokensPerSecond) { analyzer.tokens(in: article).count }
    }

    // Tokens plus the stem of every term, as the indexer does (the stem cache warm after the first pass).
    Benchmark("DanishAnalyzer tokens + stem(term) \(megabytes)", configuration: long) { benchmark in
        timed(benchmark, bytes: textBytes, itemMetric: tokensPerSecond) {
            var count = 0
            for token in analyzer.tokens(in: text) where !analyzer.stem(token.term).isEmpty { count += 1 }
            return count
        }
    }

    // Snowball stemming itself: every distinct term once, through a fresh analyser (empty cache).
    let distinct = Array(Set(analyzer.tokens(in: text).map(\.term))).sorted()
    let distinctBytes = distinct.reduce(0) { $0 + $1.utf8.count }
    Benchmark("DanishAnalyzer.stem(_:) uncached, \(distinct.count) distinct terms",
              configuration: .init(metrics: common + [kilobytesPerSecond, termsPerSecond], units: units, warmupIterations: 1,
                                   maxDuration: .seconds(10), maxIterations: 50)) { benchmark in
        timed(benchmark, bytes: distinctBytes, itemMetric: termsPerSecond) {
            guard let fresh = try? DanishAnalyzer() else { return 0 }
            var count = 0
            for term in distinct where !fresh.stem(term).isEmpty { count += 1 }
            return count
        }
    }

    // The readers: a whole file from disk to an Article (bytes, decoding, HTML parsing, metadata).
    let loader = ArticleLoader()
    let files = [("large HTML", BenchmarkText.largeHTMLFile), ("small HTML", BenchmarkText.smallHTMLFile),
                 ("text", BenchmarkText.textArticleFile)]
    for (label, path) in files {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let name = "ArticleLoader.load \(label) \((path as NSString).lastPathComponent) (\(Int((Double(size) / 1000).rounded())) KB)"
        Benchmark(name, configuration: .init(metrics: common + [kilobytesPerSecond], units: units, warmupIterations: 3,
                                             maxDuration: .seconds(5), maxIterations: 2_000)) { benchmark in
            timed(benchmark, bytes: size, itemMetric: nil) { (try? loader.load(path: path)) == nil ? 0 : 1 }
        }
    }
}
