#!/usr/bin/env bash
# Speed benchmark: peersearch beside Xapian (Python), Tantivy, SQLite FTS5 and ripgrep
# (../shared/eval/peers.py) on the shared Danish corpus (1×) and on synthetic 5× and 20× corpora
# (../shared/eval/synth.py). Per scale and engine: index build time, docs/s, MB/s, index size,
# peak RSS, warm p50/p95 (phrase and ranked), cold per-query time of one CLI call; then ratios
# and the growth from 1× to 20× (benchmarks/speed_report.py). peersearch's warm latency comes
# from `peersearch serve` (benchmarks/warm_latency.py), since the harness runs it one process
# per query.
#
#   benchmarks/speed.sh                        # from anywhere; needs ../shared beside the project
#   SCALES="1 5" REPEAT=1 benchmarks/speed.sh  # a quicker run
#
# Environment:
#   SCALES        corpus sizes, multiples of ../shared/corpus (default "1 5 20")
#   REPEAT        timed runs of each query (default 3)
#   COLD          queries the Python peers also run as one fresh process each (default 20)
#   ENGINES       subset for peers.py --engines (default: all five)
#   PEERSEARCH_BIN  use this binary instead of building (scripts/build-release.sh)
#   PEERSEARCH_SHARED  the shared folder (default ../shared)
#   BENCH_WORK    synthetic corpora and indexes (default benchmarks/work, git-ignored); the
#                 corpora are kept for the next run, the indexes removed after each scale
#   KEEP_INDEXES=1  keep each scale's indexes in BENCH_WORK/index-Nx
#   BENCH_RESULTS where the results go (default benchmarks/results, git-ignored)
#
# Results: benchmarks/results/speed-Nx.json (the harness's JSON), warm-Nx.json, peers-Nx.md (the
# harness's own report), speed.md (the tables printed at the end) and speed-growth.png (the growth
# of index time, size, warm p95 and peak RSS; matplotlib is installed from PyPI if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

shared=${PEERSEARCH_SHARED:-../shared}
eval_dir=$shared/eval
[ -f "$eval_dir/peers.py" ] || { echo "speed.sh: $eval_dir/peers.py not found (set PEERSEARCH_SHARED)" >&2; exit 2; }
[ -d "$shared/corpus/docs" ] || { echo "speed.sh: $shared/corpus/docs not found" >&2; exit 2; }
scales=${SCALES:-1 5 20}
repeat=${REPEAT:-3}
cold=${COLD:-20}
work=${BENCH_WORK:-benchmarks/work}
results=${BENCH_RESULTS:-benchmarks/results}
queries="$shared/corpus/queries/quotes.tsv,$shared/corpus/queries/known-items.tsv"
for n in $scales; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "speed.sh: SCALES must be positive integers, got '$n'" >&2; exit 2; }
done
mkdir -p "$work" "$results"

# peersearch, in release
if [ -n "${PEERSEARCH_BIN:-}" ]; then
    bin=$PEERSEARCH_BIN
else
    scripts/install-dependencies.sh
    bin=$(scripts/build-release.sh)
fi
[ -x "$bin" ] || { echo "speed.sh: $bin is not an executable" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# the peers, when one is missing (apt needs root; peers.py says what to run otherwise)
peers_ready() {
    { python3 -c 'import xapian' 2>/dev/null || /usr/bin/python3 -c 'import xapian' 2>/dev/null; } &&
        python3 -c 'import tantivy' 2>/dev/null && command -v rg >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1
}
peers_ready || python3 "$eval_dir/peers.py" setup >&2
# matplotlib draws the growth plot (speed-growth.png); from PyPI, for the python3 that runs the report
python3 -c 'import matplotlib' 2>/dev/null || python3 -m pip install --quiet matplotlib >&2 ||
    echo "speed.sh: could not install matplotlib (pip install matplotlib); the report has no plot" >&2

# The corpus of scale N: the shared one for 1, else a synthetic one, made once and reused while
# the shared corpus is unchanged (its file count and bytes are kept beside it).
corpus_for() {
    local n=$1 src=$shared/corpus/docs
    if [ "$n" = 1 ]; then echo "$src"; return; fi
    local dir=$work/corpus-${n}x
    local stamp
    stamp="synth.py --scale $n from $(cd "$src" && pwd): $(find "$src" -type f | wc -l) files, $(du -sb "$src" | cut -f1) bytes"
    if [ ! -d "$dir" ] || [ "$(cat "$dir.stamp" 2>/dev/null)" != "$stamp" ]; then
        rm -rf "$dir" "$dir.partial" "$dir.stamp"
        echo "speed.sh: making the ${n}× corpus in $dir" >&2
        python3 "$eval_dir/synth.py" --from "$src" --to "$dir.partial" --scale "$n" >&2
        mv "$dir.partial" "$dir"
        echo "$stamp" > "$dir.stamp"
    fi
    echo "$dir"
}

engines_arg=()
[ -n "${ENGINES:-}" ] && engines_arg=(--engines "$ENGINES")
loads=()
for n in $scales; do
    corpus=$(corpus_for "$n")
    idx=$work/index-${n}x
    rm -rf "$idx" "$results/speed-${n}x.json" "$results/warm-${n}x.json"
    loads+=("${n}×: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')")
    echo "speed.sh: == ${n}× ($corpus), load average ${loads[-1]#*: }" >&2
    PEERSEARCH_BIN=$bin python3 "$eval_dir/peers.py" run --corpus "$corpus" --queries "$queries" \
        --out "$results/speed-${n}x.json" --repeat "$repeat" --cold "$cold" --work "$idx" \
        "${engines_arg[@]}" > "$results/peers-${n}x.md"
    if [ -d "$idx/peersearch" ]; then
        python3 benchmarks/warm_latency.py --bin "$bin" --index "$idx/peersearch" --eval "$eval_dir" \
            --queries "$queries" --repeat "$repeat" --label "${n}x" --out "$results/warm-${n}x.json" >&2 ||
            echo "speed.sh: warm latency at ${n}× failed (see above); the report leaves it out" >&2
    fi
    [ "${KEEP_INDEXES:-0}" = 1 ] || rm -rf "$idx"
done

{
    python3 benchmarks/speed_report.py --results "$results" --scales "$scales"
    echo "- Load average (1, 5, 15 min) before each scale: ${loads[*]}."
} | tee "$results/speed.md"
echo "speed.sh: tables in $results/speed.md, raw results in $results/" >&2
