#!/usr/bin/env bash
# Regenerates the man page and the shell completions in docs/ from the argument parser
# (swift-argument-parser's generate-manual plugin and --generate-completion-script).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p docs/completions
swift package --allow-writing-to-package-directory generate-manual
# An empty line is not roff (groff warns, and lintian with it): a paragraph space (.sp) instead.
# A line of help text that starts with a dot (".jpg and .tif images") would read as a macro: \&
# before it keeps it text (the plugin's own macros are capitalised).
sed -e 's/^\.\([a-z]\)/\\\&.\1/' -e 's/^$/.sp/' .build/plugins/GenerateManual/outputs/peersearch/peersearch.1 > docs/peersearch.1
bin=$(scripts/build-release.sh)
for shell in bash zsh fish; do
    "$bin" --generate-completion-script "$shell" > "docs/completions/peersearch.$shell"
done
echo "docs/peersearch.1 and docs/completions/ regenerated" >&2
