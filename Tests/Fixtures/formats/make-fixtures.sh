#!/usr/bin/env bash
# Makes the format fixtures (seed.docx, seed.odt, seed.rtf) from a real seed article with real
# tools, so the readers are tested on what writers produce, not on hand-made XML. Needs pandoc
# (apt-get install pandoc), which only this script uses. The article names no author: it is
# peer-nyt's portrait of Anders Lindberg, so the newsletter stands as author. The date (and every
# timestamp pandoc writes, through SOURCE_DATE_EPOCH) is 2021-09-01, which keeps the files the
# same from run to run.
set -euo pipefail
cd "$(dirname "$0")"
seed=../../../Corpus/2021-moed-en-peer-anders-lindberg.txt
export SOURCE_DATE_EPOCH=1630454400  # 2021-09-01T00:00:00Z
metadata=(--metadata title="Når ens erfaringer får en anden værdi" --metadata author="Peer-nyt"
          --metadata date=2021-09-01 --metadata lang=da)
# markdown-smart: the article's straight quotes stay as they are.
pandoc -f markdown-smart "${metadata[@]}" -o seed.docx "$seed"
pandoc -f markdown-smart "${metadata[@]}" -o seed.odt "$seed"
