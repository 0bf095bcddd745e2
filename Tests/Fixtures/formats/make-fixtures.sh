#!/usr/bin/env bash
# Makes the format fixtures (seed.docx, seed.odt, seed.rtf, seed.doc) from a real seed article
# with real tools, so the readers are tested on what writers produce, not on hand-made files.
# Needs pandoc and, for the Word 97 .doc, LibreOffice (apt-get install pandoc
# libreoffice-writer-nogui), which only this script uses. The article names no author: it is
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
