#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build peersearch in release mode,
# index Corpus/ into Index/, and run the sample quote search.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh
bin=$(scripts/build-release.sh)
"$bin" index Corpus --index Index
echo
echo '$ peersearch search '"'"'"erfaringer får en anden værdi"'"'"
"$bin" search '"erfaringer får en anden værdi"' --index Index
