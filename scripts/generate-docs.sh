#!/usr/bin/env bash
# Regenerates the man page and the shell completions in docs/ from the argument parser
# (swift-argument-parser's generate-manual tool and --generate-completion-script).
# Tests/CLITests/HelpAndDocsTests.swift checks that the committed files match the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p docs/completions
bin=$(scripts/build-release.sh)
swift build --product generate-manual >&2
tool="$(swift build --show-bin-path)/generate-manual"

# generate-manual drops every character outside ASCII (its mdoc escaping keeps ASCII only), so
# `erfaringer får` would become `erfaringer fr`. It reads the help from the program's
# --experimental-dump-help; a stand-in program gives it that help with each such character
# spelled @u00E5@, which the sed below turns into groff's escape \[u00E5]. An escape, not the
# raw UTF-8 character: it prints as å with man, groff and mandoc in any locale, with or without
# preconv (groff without preconv warns about raw UTF-8).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/peersearch" <<EOF
#!/bin/sh
"$bin" --experimental-dump-help | perl -CS -pe 's/([^\x00-\x7F])/sprintf("\@u%04X\@", ord(\$1))/ge'
EOF
chmod +x "$work/peersearch"
"$tool" "$work/peersearch" --output-directory "$work"
# An empty line is not roff (groff warns, and lintian with it): a paragraph space (.sp) instead.
# A line of help text that starts with a dot (".jpg and .tif images") would read as a macro: \&
# before it keeps it text (the tool's own macros are capitalised).
# Then what mandoc -Tlint warns of: a .Pp straight before an .It (skipped anyway), and a
# sentence ending inside a text line ("new sentence, new line"): \& after its full stop says it
# is not one, and keeps the line as laid out (tables and examples are laid out by hand).
sed -e 's/^\.\([a-z]\)/\\\&.\1/' -e 's/^$/.sp/' -e 's/@u\([0-9A-F]\{4,6\}\)@/\\[u\1]/g' "$work/peersearch.1" |
    perl -0pe 's/^\.Pp\n(?=\.It )//mg; s{^(?!\.)(.*)$}{ my $l = $1; $l =~ s/([.!?][)"\x27\]]*)( +)(?=\S)/$1\\&$2/g; $l }mge' \
    > docs/peersearch.1
for shell in bash zsh fish; do
    "$bin" --generate-completion-script "$shell" > "docs/completions/peersearch.$shell"
done
echo "docs/peersearch.1 and docs/completions/ regenerated" >&2
