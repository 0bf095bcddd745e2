#!/usr/bin/env bash
# Fuzzes the query parser and search path, and the text, HTML and Markdown readers, with libFuzzer
# for a bounded time (default 60 s). Inputs that crash are saved in Fuzz/crashes/; make each a
# regression test, then add it to Fuzz/corpus/.
#
#   scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

scripts/install-dependencies.sh
# The fuzzer's package depends on this one by path, and SwiftPM keeps that package's file list in
# Fuzz/.build: forgotten, so a source file added since is seen.
rm -f Fuzz/.build/release.yaml Fuzz/.build/description.json Fuzz/.build/workspace-state.json
swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
fuzzer="$(swift build --package-path Fuzz -c release --show-bin-path)/PeerSearchFuzzer"
mkdir -p Fuzz/crashes
work=$(mktemp -d)
cp Fuzz/corpus/* "$work"/
SWIFT_BACKTRACE=enable=no "$fuzzer" "$work" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=Fuzz/crashes/ -print_final_stats=1
rm -rf "$work"
