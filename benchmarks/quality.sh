#!/usr/bin/env bash
# Quality benchmark: peersearch beside Xapian (Python), Tantivy, SQLite FTS5 and ripgrep on the
# shared Danish corpus, with its quote and known-item query sets (../shared/eval/peers.py).
# Prints the tables (Markdown) and keeps the raw results in benchmarks/results/quality.json.
#
#   benchmarks/quality.sh            # needs ../shared beside the project; installs the peers as root
set -euo pipefail
cd "$(dirname "$0")/.."

shared=${PEERSEARCH_SHARED:-../shared}
[ -f "$shared/eval/peers.py" ] || { echo "quality.sh: $shared/eval/peers.py not found (set PEERSEARCH_SHARED)" >&2; exit 2; }

scripts/install-dependencies.sh
python3 "$shared/eval/peers.py" setup >&2
bin=$(scripts/build-release.sh)
mkdir -p benchmarks/results
PEERSEARCH_BIN=$bin \
python3 "$shared/eval/peers.py" run --corpus "$shared/corpus/docs" \
    --queries "$shared/corpus/queries/quotes.tsv,$shared/corpus/queries/known-items.tsv" \
    --out benchmarks/results/quality.json --repeat "${REPEAT:-1}" --cold "${COLD:-10}"
