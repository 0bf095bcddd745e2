#!/usr/bin/env bash
# CI: the client conformance test. Builds a client from schema/openapi.yaml with Apple's
# swift-openapi-generator (Tests/ClientConformance, its own package and .build), starts the real
# `peersearch serve` on loopback four ways (with a token; without one; over two indexes; over a
# missing index), and drives every operation through the generated client, success and error
# paths. Fails when the generator rejects the document or warns about it, or when a real
# response does not decode or is not what the document says.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$SECONDS

swift build --product peersearch
binary="$(swift build --show-bin-path)/peersearch"

log=$(mktemp)
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work" "$log"
}
trap cleanup EXIT

# The build plugin runs the generator on the document: an error fails the build; a warning
# (`warning: Feature "…" is not supported, skipping [context: …]`, or one naming openapi.yaml)
# means part of the document is left out of the client, so it fails the test too.
if ! swift build --package-path Tests/ClientConformance 2>&1 | tee "$log"; then
    echo "client conformance: the client could not be generated from schema/openapi.yaml or built (above)" >&2
    exit 1
fi
if grep -E '^(warning|error): .*\[context: |openapi\.yaml(:[0-9]+)?: (warning|error): ' "$log" >&2; then
    echo "client conformance: swift-openapi-generator warns about schema/openapi.yaml (above)" >&2
    exit 1
fi
built=$SECONDS

cp -R Corpus "$work/Corpus"
"$binary" index "$work/Corpus" --index "$work/Index" >/dev/null
mkdir "$work/Other"
printf 'Kaffe og peer-støtte\n\nEn kop kaffe med en peer-medarbejder.\n' > "$work/Other/kaffe.txt"
"$binary" index "$work/Other" --index "$work/Index-2" >/dev/null

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# Starts `peersearch serve` (token, then its arguments) on a free port; sets `address`. Not in a
# subshell, so `pids` keeps every server for the cleanup.
serve() {
    local port
    port=$(free_port)
    PEERSEARCH_TOKEN="$1" "$binary" serve --port "$port" "${@:2}" 2>>"$work/serve.log" >/dev/null &
    pids+=($!)
    address="http://127.0.0.1:$port"
}
token=conformance-token
serve "$token" --index "$work/Index" --max-upload-mb 1; writable=$address
serve "" --index "$work/Index"; read_only=$address
serve "$token" --index "$work/Index" --index "$work/Index-2"; several=$address
serve "$token" --index "$work/Missing"; missing=$address

if ! Tests/ClientConformance/.build/debug/client-conformance \
    --writable "$writable" --read-only "$read_only" --several "$several" --missing "$missing" \
    --token "$token" --fixtures "$root/Tests/Fixtures/formats"; then
    echo "client conformance: failed; the servers' log:" >&2
    cat "$work/serve.log" >&2
    exit 1
fi
echo "client conformance: passed (build $((built - started)) s, run $((SECONDS - built)) s)"
