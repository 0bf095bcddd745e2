#!/usr/bin/env bash
# Micro benchmarks of the analyser and the readers: the ordo-one/benchmark suite in the separate
# package benchmarks/micro/ (wall clock, throughput, allocations, peak memory, KB/s and tokens/s), then
# one plain table of tokens/s and MB/s (benchmarks/micro/Sources/AnalyzerThroughput). The main package
# and CI never build the benchmark framework.
#
#   benchmarks/micro.sh                          # everything
#   benchmarks/micro.sh --filter 'tokens'        # arguments go to `swift package benchmark`
#   benchmarks/micro.sh --format markdown        # (see `swift package --package-path benchmarks/micro benchmark help`)
#
# Environment: BENCH_TEXT_MB (size of the Danish text, default 5), RUNS (timed runs of the
# throughput table, default 5), PEERSEARCH_SHARED (default ../shared: the text is its Danish man
# pages plus Corpus/; without it, Corpus/ alone), MICRO=throughput|ordo (only one part).
# Results: benchmarks/results/micro.json (the throughput table as JSON).
set -euo pipefail
cd "$(dirname "$0")/.."

package=benchmarks/micro
scratch=$package/.build
scripts/install-dependencies.sh
mkdir -p benchmarks/results

if [ "${MICRO:-}" != throughput ]; then
    swift package --package-path "$package" --scratch-path "$scratch" benchmark --no-progress "$@"
fi
if [ "${MICRO:-}" != ordo ]; then
    swift build --package-path "$package" --scratch-path "$scratch" -c release --product AnalyzerThroughput >&2
    "$(swift build --package-path "$package" --scratch-path "$scratch" -c release --show-bin-path)/AnalyzerThroughput" \
        --runs "${RUNS:-5}" --json benchmarks/results/micro.json
fi
