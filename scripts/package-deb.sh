#!/usr/bin/env bash
# Builds the Debian package peersearch_VERSION_amd64.deb from the release binary, for a server
# that has no Swift toolchain: /usr/bin/peersearch, the man page and the shell completions in
# their standard places, the settings file /etc/peersearch/peersearch.conf (a conffile), the
# systemd units peersearch-serve and peersearch-watch, and the maintainer scripts (packaging/).
# The version is the binary's own `peersearch --version` (one place: PeerSearchCommand.swift).
# Depends: the shared libraries the binary links, worked out by dpkg-shlibdeps from the binary
# itself, and the programs and data the readers run (listed below, one reason each).
#
#   scripts/package-deb.sh [BINARY] [OUTPUT_FOLDER]   # default: build the release binary; .
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bin=${1:-}
[ -n "$bin" ] || bin=$(scripts/build-release.sh)
out=${2:-.}
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$("$bin" --version)
arch=$(dpkg --print-architecture)
# Package files get the time of the last commit, so two builds of one commit are the same.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
maintainer="peersearch maintainers <maintainers@users.noreply.r-seed-ff09c096.example>"

# Programs and data the readers run or read at run time; dpkg-shlibdeps cannot see these.
tools=(
    poppler-utils    # pdftotext, pdfinfo: PDF
    unrtf            # .rtf
    antiword         # .doc (Word 97-2003)
    wdanish          # /usr/share/dict/danish: the word list closed compounds are split with
    tesseract-ocr    # OCR of scanned PDF pages
    tesseract-ocr-dan  # Tesseract's Danish model
    libgmime-3.0-0   # the e-mail reader's MIME parser (linked by the e-mail reader; dpkg-shlibdeps lists it too once that is merged)
    adduser          # the maintainer scripts make the system user peersearch
)
recommends=(
    xapian-tools     # xapian-tcpsrv, to serve an index as a remote shard; xapian-delve
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg=$work/pkg
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/peersearch" \
    "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
    "$pkg/usr/share/fish/vendor_completions.d" "$pkg/lib/systemd/system" "$pkg/etc/peersearch"

install -m 0755 "$bin" "$pkg/usr/bin/peersearch"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$pkg/usr/bin/peersearch"
gzip -9n < docs/peersearch.1 > "$pkg/usr/share/man/man1/peersearch.1.gz"
# bash-completion sources the file: no #! line.
"$bin" --generate-completion-script bash | sed '1{/^#!/d}' > "$pkg/usr/share/bash-completion/completions/peersearch"
"$bin" --generate-completion-script zsh > "$pkg/usr/share/zsh/vendor-completions/_peersearch"
"$bin" --generate-completion-script fish > "$pkg/usr/share/fish/vendor_completions.d/peersearch.fish"
install -m 0644 packaging/peersearch.conf "$pkg/etc/peersearch/peersearch.conf"
install -m 0644 packaging/peersearch-serve.service packaging/peersearch-watch.service "$pkg/lib/systemd/system/"
install -m 0644 packaging/copyright "$pkg/usr/share/doc/peersearch/copyright"
install -m 0755 packaging/postinst packaging/prerm packaging/postrm "$pkg/DEBIAN/"
echo /etc/peersearch/peersearch.conf > "$pkg/DEBIAN/conffiles"
{
    echo "peersearch ($version) bookworm; urgency=medium"
    echo
    echo "  * peersearch $version, packaged from $(git rev-parse --short HEAD 2>/dev/null || echo 'a source tree')."
    echo
    echo " -- $maintainer  $(date -R -u -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$pkg/usr/share/doc/peersearch/changelog.gz"

# The shared libraries: dpkg-shlibdeps reads the binary's NEEDED entries and Debian's shlibs files.
mkdir -p "$work/src/debian"
printf 'Source: peersearch\n\nPackage: peersearch\nArchitecture: any\n' > "$work/src/debian/control"
libraries=$(cd "$work/src" && dpkg-shlibdeps -O "$pkg/usr/bin/peersearch" | sed -n 's/^shlibs:Depends=//p')
depends=$(printf '%s\n' "$libraries" | tr ',' '\n' | sed 's/^ *//' | cat - <(printf '%s\n' "${tools[@]}") \
    | awk '!seen[$1]++' | paste -sd, | sed 's/,/, /g')

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<EOF
Package: peersearch
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Recommends: $(printf '%s\n' "${recommends[@]}" | paste -sd, | sed 's/,/, /g')
Section: utils
Priority: optional
Description: full-text search for Danish articles, with a search page
 peersearch indexes an archive of articles (text, Markdown, HTML, PDF, Word,
 OpenDocument, RTF) with Xapian and finds where a quote stands, across line
 breaks, hyphenation and punctuation, and ranks articles for plain Danish
 queries.
 .
 The package runs it as two services: peersearch-watch keeps the index current
 with the folders named in /etc/peersearch/peersearch.conf, and
 peersearch-serve serves the search page and the HTTP API.
EOF
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
find "$pkg" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

deb=$out/peersearch_${version}_${arch}.deb
# xz level 1: a 72 MB binary packs in seconds, not minutes, for 3 MB more (21 MB).
dpkg-deb --root-owner-group -Zxz -z1 --build "$pkg" "$deb" >/dev/null
echo "$deb"
