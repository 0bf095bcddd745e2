#!/usr/bin/env bash
# Installs the Debian packages peersearch needs, if any is missing:
#   libxapian-dev (Xapian 1.4), libxml2-dev (HTML and XML parser), libzip-dev (the zip containers
#   of .docx, .odt and .epub), libgmime-3.0-dev (GMime, the MIME library e-mail is read with),
#   poppler-utils (pdftotext, pdfinfo, pdftoppm), unrtf (.rtf), antiword (.doc),
#   tesseract-ocr and tesseract-ocr-dan (OCR of scanned PDF pages and images, in Danish),
#   wdanish (the Danish word list that closed compounds are split with), xapian-tools
#   (xapian-tcpsrv, for remote shards, and xapian-delve), libjemalloc-dev (the allocator the
#   binary links), pkg-config; for the tests only, chromium and chromium-driver (the search
#   page is tested in headless Chromium through Selenium, from PyPI); for the Debian package
#   (scripts/package-deb.sh, scripts/test-package.sh), dpkg-dev (dpkg-shlibdeps), lintian,
#   debootstrap (a clean Debian 12 to install it in), systemd (systemd-analyze) and curl; for the
#   docs' tests, man-db (man, and groff with it) and mandoc (mandoc -Tlint checks the man page).
# As root it runs apt-get; otherwise it uses sudo, or says exactly what to run.
set -euo pipefail

packages=(libxapian-dev libxml2-dev libzip-dev libgmime-3.0-dev poppler-utils unrtf antiword tesseract-ocr tesseract-ocr-dan wdanish xapian-tools libjemalloc-dev pkg-config chromium chromium-driver dpkg-dev lintian debootstrap systemd curl man-db mandoc)
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists xapian-core || missing+=(libxapian-dev)
    pkg-config --exists libxml-2.0 || missing+=(libxml2-dev)
    pkg-config --exists libzip || missing+=(libzip-dev)
    pkg-config --exists gmime-3.0 || missing+=(libgmime-3.0-dev)
else
    missing+=(libxapian-dev libxml2-dev libzip-dev libgmime-3.0-dev)
fi
command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
compgen -G "/usr/share/tesseract-ocr/*/tessdata/dan.traineddata" >/dev/null || missing+=(tesseract-ocr-dan)
command -v unrtf >/dev/null 2>&1 || missing+=(unrtf)
command -v antiword >/dev/null 2>&1 || missing+=(antiword)
[ -f /usr/share/dict/danish ] || missing+=(wdanish)
command -v xapian-tcpsrv >/dev/null 2>&1 || missing+=(xapian-tools)
pkg-config --exists jemalloc 2>/dev/null || missing+=(libjemalloc-dev)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v dpkg-shlibdeps >/dev/null 2>&1 || missing+=(dpkg-dev)
command -v lintian >/dev/null 2>&1 || missing+=(lintian)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1 || missing+=(man-db)
command -v mandoc >/dev/null 2>&1 || missing+=(mandoc)
# The JSON Schema and OpenAPI tests validate real output with Python's jsonschema,
# PyYAML and openapi-spec-validator; the browser tests drive Chromium with Selenium.
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import jsonschema, yaml, openapi_spec_validator, selenium" >/dev/null 2>&1; then
    python3 -m pip install --quiet jsonschema pyyaml openapi-spec-validator selenium >&2 \
        || echo "peersearch: could not install the test's Python packages (pip install jsonschema pyyaml openapi-spec-validator selenium)" >&2
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "peersearch: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
else
    echo "peersearch: missing ${missing[*]}; as root, run: apt-get update && apt-get install -y ${packages[*]}" >&2
    exit 1
fi
