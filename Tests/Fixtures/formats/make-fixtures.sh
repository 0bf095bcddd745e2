#!/usr/bin/env bash
# Makes the format fixtures (seed.docx, seed.odt, seed.epub, seed.rtf, seed.doc, seed.pdf, the
# template kinds seed.dotx and seed.ott, the password-protected seed-encrypted.docx,
# seed-encrypted.pdf and seed-owner-password.pdf, the hostile containers, the e-mail seed.eml
# and seed.mbox, and the scans seed-scanned.pdf and seed-page-2.png) from a real seed article
# with real tools, so the readers are tested on what writers and scanners produce, not on
# hand-made files.
# Needs pandoc, LibreOffice, img2pdf (apt-get install pandoc libreoffice-writer-nogui img2pdf)
# and, for the encrypted .docx, msoffcrypto-tool (pip install msoffcrypto-tool), which only this
# script uses. The article names no author: it is peer-nyt's portrait of Anders Lindberg, so the
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
# E-mail, written by Python's email package: seed.eml is the article as a message with an
# RFC 2047 encoded subject (UTF-8, base64) and sender (ISO-8859-1, Q), its body ISO-8859-1 in
# quoted-printable, and seed.pdf attached as bilag.pdf (base64); seed.mbox holds four messages:
# a plain one (UTF-8, base64), an HTML-only one, the seed message with its attachment, and a
# short one after it. Dates, boundaries and From lines are fixed, so runs give the same bytes.
python3 - "$seed" <<'PYTHON'
import mailbox, sys, time
from email.charset import Charset, QP, BASE64
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr

seed = open(sys.argv[1], encoding="utf-8").read()
latin1 = Charset("iso-8859-1"); latin1.body_encoding = QP
utf8 = Charset("utf-8"); utf8.body_encoding = BASE64

def headers(message, subject, sender, date, ident):
    message["Subject"] = Header(subject, "utf-8").encode()
    message["From"] = formataddr((Header(sender[0], "iso-8859-1").encode(), sender[1]))
    message["Date"] = date
    message["Message-ID"] = ident
    return message

def seed_message():
    message = headers(MIMEMultipart(boundary="peersearch-seed"), "Når ens erfaringer får en anden værdi",
                      ("Redaktionen på Peer-nyt", "redaktion@peer-nyt.dk"), "Wed, 01 Sep 2021 10:00:00 +0200",
                      "<seed-2021-09@peer-nyt.dk>")
    message.attach(MIMEText(seed, "plain", latin1))
    pdf = MIMEApplication(open("seed.pdf", "rb").read(), "pdf")
    pdf.add_header("Content-Disposition", "attachment", filename="bilag.pdf")
    message.attach(pdf)
    return message

open("seed.eml", "w", encoding="ascii", newline="\n").write(seed_message().as_string())

others = [
    headers(MIMEText("Peer-netværket mødes i Aarhus den 4. oktober.\nVi taler om lønforhold og overenskomster.\n", "plain", utf8),
            "Mødeindkaldelse: netværket i Aarhus", ("Søren Ærø", "soeren@example.dk"),
            "Mon, 16 Aug 2021 08:30:00 +0200", "<moede-2021-08@peer-nyt.dk>"),
    headers(MIMEText("<html><head><title>ignored</title></head><body><h1>Recovery i praksis</h1>"
                     "<p>Kommunerne arbejder med en <b>recoveryorienteret indsats</b> i bostederne.</p></body></html>",
                     "html", "utf-8"),
            "Nyhedsbrev: Recovery i praksis", ("Peer-nyt", "nyhedsbrev@peer-nyt.dk"),
            "Tue, 24 Aug 2021 12:00:00 +0200", "<recovery-2021-08@peer-nyt.dk>"),
    seed_message(),
    headers(MIMEText("Husk tilmeldingen til efterårets kursus i peer-støtte.\n", "plain", "utf-8"),
            "Tilmelding til kursus", ("Peer-nyt", "nyhedsbrev@peer-nyt.dk"),
            "Fri, 10 Sep 2021 09:00:00 +0200", "<kursus-2021-09@peer-nyt.dk>"),
]
box = mailbox.mbox("seed.mbox.new", create=True)
for message in [others[0], others[1], others[2], others[3]]:
    entry = mailbox.mboxMessage(message)
    entry.set_from("redaktion@peer-nyt.dk", time.gmtime(1630454400))
    box.add(entry)
box.flush()
box.close()
PYTHON
mv seed.mbox.new seed.mbox
# A scan: seed.pdf's pages as 300 dpi grayscale images without anti-aliasing (a scanner's
# black-and-white mode), wrapped by img2pdf into a PDF with no text layer (a scanned newsletter);
# and page 2, which holds the quote, alone as a PNG (a scanned page).
scans=$(mktemp -d)
trap 'rm -f "$template"; rm -rf "$scans"' EXIT
pdftoppm -r 300 -gray -aa no -aaVector no seed.pdf "$scans/page"
img2pdf --imgsize 300dpi --creationdate 2021-09-01 --moddate 2021-09-01 -o seed-scanned.pdf "$scans/page-1.pgm" "$scans/page-2.pgm"
pdftoppm -r 300 -gray -aa no -aaVector no -png -f 2 -l 2 -singlefile seed.pdf seed-page-2
