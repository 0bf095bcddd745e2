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
# Hostile containers, each edited from a fixture above by Python's zipfile (entries kept in
# order, a stored mimetype first): an .odt whose parts are encrypted as ODF does it (the
# manifest lists encryption data, content.xml is ciphertext); a billion-laughs XML bomb in a
# .docx's body, an .odt's content.xml and an .epub's package document; a zip bomb (a .docx
# whose body unpacks to 2 MiB, over the 1 MiB of --max-file-mb 1, from a few KiB); and an .epub
# cut in half.
python3 - <<'PYTHON'
import os, zipfile

def rewrite(source, target, replace):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = replace.get(info.filename, old.read(info.filename))
            new.writestr(info, data, compress_type=info.compress_type)

lol = '<!ENTITY lol "lol">' + "".join(
    '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % (i - 1 if i > 1 else "")) * 10) for i in range(1, 10))
def bomb(xml, root, where):
    xml = xml.decode()
    start = xml.index("<" + root)
    xml = xml[:start] + "<!DOCTYPE %s [%s]>" % (root, lol) + xml[start:]
    return xml.replace(where, where + "&lol9;", 1).encode()

with zipfile.ZipFile("seed.odt") as odt:
    manifest = odt.read("META-INF/manifest.xml").decode()
    content = odt.read("content.xml")
encryption = ('><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
              'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
              'manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>')
entry = manifest.index('manifest:full-path="content.xml"')
end = manifest.index("/>", entry)
manifest = manifest[:end] + encryption + manifest[end + 2:]
rewrite("seed.odt", "seed-encrypted.odt", {"META-INF/manifest.xml": manifest.encode(), "content.xml": os.urandom(len(content))})

with zipfile.ZipFile("seed.docx") as docx:
    body = docx.read("word/document.xml")
rewrite("seed.docx", "xml-bomb.docx", {"word/document.xml": bomb(body, "w:document", "MØD EN PEER")})
rewrite("seed.odt", "xml-bomb.odt", {"content.xml": bomb(content, "office:document-content", "MØD EN PEER")})
with zipfile.ZipFile("seed.epub") as epub:
    package = epub.read("EPUB/content.opf")
rewrite("seed.epub", "xml-bomb.epub", {"EPUB/content.opf": bomb(package, "package", "<dc:title id=\"epub-title-1\">")})

paragraph = "<w:p><w:r><w:t>erfaringer får en anden værdi</w:t></w:r></w:p>"
start = body.decode().index("<w:body>") + len("<w:body>")
inflated = body.decode()[:start] + paragraph * 33000 + body.decode()[start:]
rewrite("seed.docx", "zip-bomb.docx", {"word/document.xml": inflated.encode()})

with open("seed.epub", "rb") as epub:
    whole = epub.read()
with open("truncated.epub", "wb") as half:
    half.write(whole[: len(whole) // 2])
PYTHON
