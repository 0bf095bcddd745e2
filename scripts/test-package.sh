#!/usr/bin/env bash
# Tests the Debian package for real, as a server's administrator would meet it: builds it
# (scripts/package-deb.sh), lints it (lintian: no error, no warning), verifies the systemd units
# (systemd-analyze verify; security prints their exposure), then installs it with apt-get into a
# clean Debian 12 made with debootstrap (so only the package's Depends are there, none of the
# build machine's packages), and there, as the README's "Install on a server" says:
# edits the folders into /etc/peersearch/peersearch.conf, runs the units' ExecStart lines as
# the unit would (user peersearch, its working folder; systemd itself does not run in a chroot):
# the watcher indexes the folders and picks up a new file, `peersearch search` typed by another
# user finds the seed quote in the same index, the server answers /health on loopback and takes
# an upload with the token from its file; SIGTERM stops both cleanly. Then an upgrade keeps the
# index, the token and the edited settings; `apt-get purge` leaves nothing behind.
#
#   scripts/test-package.sh                 # builds the release binary first
#   PEERSEARCH_RELEASE_BIN=path scripts/test-package.sh
#   PEERSEARCH_BASE_CHROOT=dir  ...         # copy this debootstrapped Debian 12 instead of making one
# Runs as root (debootstrap, chroot); needs debootstrap, lintian, curl and the network's Debian mirror.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }
fail() { echo "test-package: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (debootstrap and chroot need it)"
for tool in debootstrap lintian curl systemd-analyze; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-dependencies.sh installs it)"
done

work=$(mktemp -d /var/tmp/peersearch-package-test.XXXXXX)
root=$work/root
cleanup() {
    for pid in ${watch_pid:-} ${serve_pid:-}; do kill "$pid" 2>/dev/null || true; done
    umount "$root/proc" "$root/dev/pts" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

step "build the package"
bin=${PEERSEARCH_RELEASE_BIN:-$(scripts/build-release.sh)}
deb=$(scripts/package-deb.sh "$bin" "$work")
version=$("$bin" --version)
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb"

step "lintian"
# Every tag is shown but the spelling-error-in-binary notes (info), which are about strings in
# the libraries linked into the binary (swift-nio, Foundation), not peersearch's own.
lintian --display-info --fail-on error,warning "$deb" > "$work/lintian.txt" || { cat "$work/lintian.txt"; fail "lintian reports errors or warnings"; }
grep -v 'spelling-error-in-binary\|^N:' "$work/lintian.txt" || true
echo "lintian: no errors, no warnings ($(grep -c 'spelling-error-in-binary' "$work/lintian.txt") spelling-error-in-binary notes in linked libraries' strings)"

step "a clean Debian 12"
if [ -n "${PEERSEARCH_BASE_CHROOT:-}" ]; then
    cp -a "$PEERSEARCH_BASE_CHROOT" "$root"
else
    debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc" 2>/dev/null || echo "note: /proc could not be mounted in the chroot" >&2
mount --bind /dev/pts "$root/dev/pts" 2>/dev/null || true  # apt's log wants a terminal
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
baseline=$work/baseline.txt
# Every path outside the package manager's own records and caches, and the backups (passwd-,
# shadow-, …) that adduser and deluser leave of the account files on every change.
snapshot() {
    (cd "$root" && find . -xdev \( -path ./proc -o -path ./var/lib/apt -o -path ./var/lib/dpkg -o -path ./var/cache \
        -o -path ./var/log -o -path ./tmp -o -path ./etc/ld.so.cache -o -path ./run -o -path './etc/*-' \) -prune -o -print | sort)
}

step "apt-get install ./$(basename "$deb") (with its Depends, from the mirror)"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
# Install what the package needs first, so the snapshot after purge can be compared with one
# that has all of it: whatever differs then is left behind by peersearch itself.
depends=$(dpkg-deb --field "$deb" Depends | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g')
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $depends >/dev/null
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"  # as on a system with systemd
snapshot > "$baseline"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" >/dev/null
in_root peersearch --version | grep -qx "$version" || fail "the installed peersearch is not version $version"
in_root getent passwd peersearch >/dev/null || fail "no user peersearch"
ls "$root"/etc/systemd/system/*.wants/peersearch-* 2>/dev/null && fail "the install enabled a service (the folders come first)"
[ "$(in_root stat -c '%U:%G %a' /etc/peersearch/token)" = "root:peersearch 640" ] \
    || fail "the token file is $(in_root stat -c '%U:%G %a' /etc/peersearch/token), not root:peersearch 640"
[ "$(in_root stat -c '%U:%G' /var/lib/peersearch)" = "peersearch:peersearch" ] || fail "/var/lib/peersearch is not the user's"
grep -q "$(cat "$root/etc/peersearch/token")" "$root/etc/peersearch/peersearch.conf" && fail "the token is in the settings file"

step "the units: systemd-analyze verify and security"
# The chroot has no systemd: the units are checked in a root made of the package's files and this
# machine's own units (the targets they name), with the man page they point to on MANPATH.
verify_root=$work/verify
dpkg-deb --extract "$deb" "$verify_root"
cp -rn /lib/systemd/system/. "$verify_root/lib/systemd/system/"
units=("$verify_root"/lib/systemd/system/peersearch-serve.service "$verify_root"/lib/systemd/system/peersearch-watch.service)
verify=$(MANPATH="$verify_root/usr/share/man:" systemd-analyze verify --root="$verify_root" "${units[@]}" 2>&1 || true)
if [ -n "$verify" ]; then echo "$verify" >&2; fail "systemd-analyze verify reports problems"; fi
echo "systemd-analyze verify: both units pass"
for unit in "${units[@]}"; do
    systemd-analyze security --offline=yes --root="$verify_root" "$unit" | tail -1
done

step "edit the folders into the settings, as the administrator does"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$root/srv/arkiv"
cp -r Corpus/. "$root/srv/arkiv/"
sed -i "s|^#folder = /srv/arkiv/artikler|folder = /srv/arkiv|; s|^port = .*|port = $port|" "$root/etc/peersearch/peersearch.conf"
grep -qx "folder = /srv/arkiv" "$root/etc/peersearch/peersearch.conf" || fail "could not set the folder"

# Starts a unit's ExecStart line in the background as the unit would: its user, working folder
# and umask ($! is its process id).
start_unit() {
    local unit=$root/lib/systemd/system/$1.service
    local exec user directory mask
    exec=$(sed -n 's/^ExecStart=//p' "$unit"); user=$(sed -n 's/^User=//p' "$unit")
    directory=$(sed -n 's/^WorkingDirectory=//p' "$unit"); mask=$(sed -n 's/^UMask=//p' "$unit")
    chroot --userspec="$(in_root id -u "$user"):$(in_root id -g "$user")" "$root" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
        sh -c "umask $mask && cd '$directory' && exec $exec" > "$work/$1.log" 2>&1 &
}
# Waits for `condition` (a command) up to `seconds`.
until_true() {
    local seconds=$1; shift
    for _ in $(seq $((seconds * 5))); do "$@" && return 0; sleep 0.2; done
    return 1
}
quote='"erfaringer får en anden værdi"'

step "peersearch-watch: the first full index, then a new file"
start_unit peersearch-watch; watch_pid=$!
found() { in_root setpriv --reuid=nobody --regid=nogroup --clear-groups peersearch search --count "$1" >/dev/null 2>&1; }
until_true 300 found "$quote" || { cat "$work/peersearch-watch.log" >&2; fail "the watcher's index does not find the seed quote"; }
in_root setpriv --reuid=nobody --regid=nogroup --clear-groups peersearch search "$quote" | head -3
printf 'Kaffeklubben\n\nEt nyt ord i arkivet: kaffeklubbens pakkeprøve.\n' > "$root/srv/arkiv/pakkeproeve.txt"
until_true 60 found pakkeprøve || { cat "$work/peersearch-watch.log" >&2; fail "the watcher did not index a new file"; }
echo "the watcher indexed a new file"

step "peersearch-serve: /health, a search and an upload on 127.0.0.1:$port"
start_unit peersearch-serve; serve_pid=$!
until_true 60 curl -fs "http://127.0.0.1:$port/health" -o /dev/null || { cat "$work/peersearch-serve.log" >&2; fail "no /health"; }
curl -fsS "http://127.0.0.1:$port/health"; echo
curl -fsS "http://127.0.0.1:$port/search?q=%22erfaringer+f%C3%A5r+en+anden+v%C3%A6rdi%22&limit=1&fields=path" | grep -q anders-lindberg \
    || fail "the server does not find the seed quote"
token=$(cat "$root/etc/peersearch/token")
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data '{"id":"nyt/pakke","text":"Uploadet gennem siden: pakkestatus."}' "http://127.0.0.1:$port/articles")
[ "$status" = 201 ] || { cat "$work/peersearch-serve.log" >&2; fail "an upload with the token answered $status"; }
found pakkestatus || fail "the upload is not searchable"
[ -f "$root/var/lib/peersearch/archive/nyt/pakke.txt" ] || fail "the upload is not in the configured archive"
echo "upload with the token from /etc/peersearch/token: 201, searchable, kept in /var/lib/peersearch/archive"

step "SIGTERM stops both cleanly"
for pid in $watch_pid $serve_pid; do kill -TERM "$pid"; done
wait "$watch_pid" || fail "the watcher exited with $?"
wait "$serve_pid" || fail "the server exited with $?"
watch_pid= serve_pid=
grep -q "everything seen was committed" "$work/peersearch-watch.log" || fail "the watcher did not stop cleanly"
echo "both stopped with status 0; the watcher said:"
cat "$work/peersearch-watch.log"

step "upgrade: the index, the token and the edited settings stay"
documents=$(in_root peersearch stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
mkdir "$work/next"
dpkg-deb --raw-extract "$deb" "$work/next/pkg"
sed -i "s/^Version: .*/Version: $version+1/" "$work/next/pkg/DEBIAN/control"
dpkg-deb --root-owner-group --build "$work/next/pkg" "$root/tmp/next.deb" >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/next.deb >/dev/null
in_root dpkg-query -W -f '${Version}\n' peersearch | grep -qx "$version+1" || fail "the upgrade did not install"
grep -qx "folder = /srv/arkiv" "$root/etc/peersearch/peersearch.conf" || fail "the upgrade lost the edited settings"
[ "$(cat "$root/etc/peersearch/token")" = "$token" ] || fail "the upgrade changed the token"
after=$(in_root peersearch stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
[ "$after" = "$documents" ] || fail "the index had $documents documents before the upgrade, $after after"
echo "upgraded to $version+1: $after documents, settings and token kept"

step "remove keeps the index; purge leaves nothing behind"
# As `systemctl enable` would have left them: purge must remove these links too.
for unit in peersearch-serve.service peersearch-watch.service; do
    ln -s "/lib/systemd/system/$unit" "$root/etc/systemd/system/multi-user.target.wants/$unit"
done
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq peersearch >/dev/null
[ -d "$root/var/lib/peersearch/index" ] || fail "apt-get remove deleted the index"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq peersearch >/dev/null
rm -rf "$root/srv/arkiv" "$root/tmp/next.deb" "$root/tmp/$(basename "$deb")"
in_root getent passwd peersearch >/dev/null && fail "the user peersearch is still there"
in_root getent group peersearch >/dev/null && fail "the group peersearch is still there"
left=$(diff <(cat "$baseline") <(snapshot) | grep '^[<>]' || true)
if [ -n "$left" ]; then echo "$left" >&2; fail "purge left this behind (> new, < gone)"; fi
echo "purged: no file, folder, link, user or group of peersearch is left"
echo "test-package: OK"
