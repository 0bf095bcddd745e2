#!/usr/bin/env bash
# Makes the format fixtures (seed.docx, seed.odt, seed.rtf, seed.doc, seed.pdf, and the scans
# seed-scanned.pdf and seed-page-2.png) from a real seed article with real tools, so the readers
# are tested on what writers and scanners produce, not on hand-made files.
# Needs pandoc, LibreOffice for the Word 97 .doc and the PDF, and img2pdf for the scan (apt-get
# install pandoc libreoffice-writer-nogui img2pdf), which only this script uses. The article names no author: it is
# peer-nyt's portrait of Anders Lindberg, so the newsletter stands as author. The date (and every
# timestamp pandoc writes, through SOURCE_DATE_EPOCH) is 2021-09-01, which keeps the .docx and
# .rtf the same from run to run (the .odt's zip still records the time of the run, and
# LibreOffice's .doc its own).
set -euo pipefail
cd "$(dirname "$0")"
seed=../../../Corpus/2021-moed-en-peer-anders-lindberg.txt
export SOURCE_DATE_EPOCH=1630454400  # 2021-09-01T00:00:00Z
metadata=(--metadata title="Når ens erfaringer får en anden værdi" --metadata author="Peer-nyt"
          --metadata date=2021-09-01 --metadata lang=da)
# markdown-smart: the article's straight quotes stay as they are.
pandoc -f markdown-smart "${metadata[@]}" -o seed.docx "$seed"
pandoc -f markdown-smart "${metadata[@]}" -o seed.odt "$seed"
# pandoc's RTF template with an \info group added: the title, author and creation time that
# word processors store there.
template=$(mktemp --suffix=.rtf)
trap 'rm -f "$template"' EXIT
pandoc -D rtf | sed 's/^\\widowctrl\\hyphauto$/{\\info{\\title $title$}$for(author)${\\author $author$}$endfor${\\creatim\\yr2021\\mo9\\dy1}}\n&/' >"$template"
pandoc -f markdown-smart -s --template "$template" "${metadata[@]}" -o seed.rtf "$seed"
# LibreOffice writes a real Word 97-2003 file (antiword reads it; pandoc cannot write .doc).
soffice --headless --convert-to doc:"MS Word 97" --outdir . seed.odt >/dev/null
# LibreOffice also prints it as a two-page PDF, for citing passages by page.
soffice --headless --convert-to pdf --outdir . seed.odt >/dev/null
# A scan: seed.pdf's pages as 300 dpi grayscale images without anti-aliasing (a scanner's
# black-and-white mode), wrapped by img2pdf into a PDF with no text layer (a scanned newsletter);
# and page 2, which holds the quote, alone as a PNG (a scanned page).
scans=$(mktemp -d)
trap 'rm -f "$template"; rm -rf "$scans"' EXIT
pdftoppm -r 300 -gray -aa no -aaVector no seed.pdf "$scans/page"
img2pdf --imgsize 300dpi --creationdate 2021-09-01 --moddate 2021-09-01 -o seed-scanned.pdf "$scans/page-1.pgm" "$scans/page-2.pgm"
pdftoppm -r 300 -gray -aa no -aaVector no -png -f 2 -l 2 -singlefile seed.pdf seed-page-2
