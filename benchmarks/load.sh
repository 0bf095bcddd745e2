#!/usr/bin/env bash
# Load test of `peersearch serve`, on loopback only and bounded in requests and time.
#
# Builds release, indexes ../shared/corpus/docs (else Corpus/) into a temporary index, starts the
# server with a token, then runs benchmarks/load_client.py: REQUESTS searches (20,000) from
# CLIENTS concurrent clients (32) with UPLOADS article uploads (200) among them. Prints
# requests/s, p50/p99 latency and errors, and checks that every upload is findable afterwards.
# The client shares the machine's cores with the server.
#
#   benchmarks/load.sh                      # defaults
#   REQUESTS=2000 CLIENTS=8 benchmarks/load.sh
#   SCRATCH_PATH=.build-server benchmarks/load.sh   # build folder other than .build
set -euo pipefail
cd "$(dirname "$0")/.."

requests=${REQUESTS:-20000}
clients=${CLIENTS:-32}
uploads=${UPLOADS:-200}
scratch=${SCRATCH_PATH:-.build}
corpus=../shared/corpus/docs
[ -d "$corpus" ] || corpus=Corpus

binary=$(scripts/build-release.sh --scratch-path "$scratch")

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server"; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "indexing $corpus" >&2
SECONDS=0
"$binary" index "$corpus" --index "$work/Index" >&2
documents=$("$binary" stats --index "$work/Index" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"])')
echo "indexed $documents documents in $SECONDS s"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
PEERSEARCH_TOKEN=$token "$binary" serve --index "$work/Index" --port "$port" --log-level warning 2>"$work/server.log" >/dev/null &
server=$!
for _ in $(seq 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null && break
    sleep 0.1
done

status=0
python3 benchmarks/load_client.py --port "$port" --token "$token" --requests "$requests" --clients "$clients" \
    --uploads "$uploads" || status=$?

kill -TERM "$server"
wait "$server" && stopped=0 || stopped=$?
server=
echo "server stopped on SIGTERM with exit status $stopped"
if [ -s "$work/server.log" ]; then
    echo "server log (warnings and errors):"
    head -20 "$work/server.log"
fi
[ "$stopped" -eq 0 ] || status=1
exit "$status"
