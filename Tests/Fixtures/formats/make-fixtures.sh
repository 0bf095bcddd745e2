#!/usr/bin/env bash
# Makes the format fixtures (seed.docx, seed.odt, seed.rtf, seed.doc, seed.pdf, seed.eml,
# seed.mbox) from a real seed article with real tools, so the readers are tested on what writers
# produce, not on hand-made files.
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
