#!/usr/bin/env bash
# Makes the format fixtures (seed.docx, seed.odt, seed.epub, seed.rtf, seed.doc, seed.pdf, the
# template kinds seed.dotx and seed.ott, and the password-protected seed-encrypted.docx,
# seed-encrypted.pdf and seed-owner-password.pdf) from a real seed article with real tools, so
# the readers are tested on what writers produce, not on hand-made files.
# Needs pandoc, LibreOffice (apt-get install pandoc libreoffice-writer-nogui) and, for the
# encrypted .docx, msoffcrypto-tool (pip install msoffcrypto-tool), which only this script
# uses. The article names no author: it is peer-nyt's portrait of Anders Lindberg, so the
# newsletter stands as author. The date (and every timestamp pandoc writes, through
# SOURCE_DATE_EPOCH) is 2021-09-01, which keeps the .docx and .rtf the same from run to run (the .odt's and .epub's zips still record the time of the run,
# the .epub a random identifier, and LibreOffice's files their own times).
set -euo pipefail
cd "$(dirname "$0")"
seed=../../../Corpus/2021-moed-en-peer-anders-lindberg.txt
export SOURCE_DATE_EPOCH=1630454400  # 2021-09-01T00:00:00Z
metadata=(--metadata title="Når ens erfaringer får en anden værdi" --metadata author="Peer-nyt"
          --metadata date=2021-09-01 --metadata lang=da)
# markdown-smart: the article's straight quotes stay as they are.
pandoc -f markdown-smart "${metadata[@]}" -o seed.docx "$seed"
pandoc -f markdown-smart "${metadata[@]}" -o seed.odt "$seed"
# An EPUB 3 of a title page and one chapter; the title, author and date go into the OPF.
pandoc -f markdown-smart "${metadata[@]}" -o seed.epub "$seed"
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
# The template kinds: a Word template (its main part's content type says so) and an
# OpenDocument text template (mimetype application/vnd.oasis.opendocument.text-template).
soffice --headless --convert-to dotx:"MS Word 2007 XML Template" --outdir . seed.odt >/dev/null
soffice --headless --convert-to ott --outdir . seed.odt >/dev/null
# Password-protected files, to be skipped with their reason: a Word file saved with a password
# (an OLE2 compound file holding the encrypted package), a PDF that needs a password to open,
# and one with an owner password only (copying forbidden), which opens without one.
msoffcrypto-tool -e -p hemmelig seed.docx seed-encrypted.docx
pdf_options='"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"hemmelig"}'
soffice --headless --convert-to "pdf:writer_pdf_Export:{$pdf_options}" --outdir encrypted seed.odt >/dev/null
pdf_options='"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"ejer"},'
pdf_options+='"EnableCopyingOfContent":{"type":"boolean","value":"false"},"Changes":{"type":"long","value":"0"}'
soffice --headless --convert-to "pdf:writer_pdf_Export:{$pdf_options}" --outdir owner seed.odt >/dev/null
mv encrypted/seed.pdf seed-encrypted.pdf
mv owner/seed.pdf seed-owner-password.pdf
rmdir encrypted owner
