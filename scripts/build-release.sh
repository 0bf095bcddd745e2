#!/usr/bin/env bash
# Builds peersearch in release mode and prints the binary's path. The Swift runtime and
# Foundation are linked into the binary (--static-swift-stdlib): resolving their symbols at every
# start took half of a one-shot search (`peersearch --version` 15.7 -> 7.6 ms).
#
#   bin=$(scripts/build-release.sh)          # extra arguments go to `swift build`
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product peersearch "$@" >&2
echo "$(swift build -c release --static-swift-stdlib --show-bin-path "$@")/peersearch"
