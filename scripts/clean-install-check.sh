#!/usr/bin/env bash
# Installs the .deb into a clean Debian 12 (debootstrap --variant=minbase: no desktop, no WebKit)
# with apt, so only the package's declared dependencies come in, then runs the installed CLI on a
# new vault and starts the installed app under Xvfb and screenshots its first screen.
# Needs root (chroot, mounts) and the Debian mirror. Run by `./dev install-check`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/test-output/install-check
fail() { echo "install-check: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (chroot and mounts): run it with sudo"
command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install debootstrap)"
deb=$(ls "$ROOT"/target/release/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb: run ./dev package first"

root=$(mktemp -d /tmp/linkwork-clean-root.XXXXXX)
chmod 755 "$root" # apt's own user reads its lists inside
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  for m in tmp/.X11-unix dev/shm dev/pts dev sys proc; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root" # never into a mount that failed to come off
}
trap cleanup EXIT

echo "== A clean Debian 12 (minbase) in $root"
debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$root.log" 2>&1 ||
  fail "debootstrap failed: $(tail -5 "$root.log")"
rm -f "$root.log"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/linkwork.deb"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "== apt-get install ./linkwork.deb (its dependencies only)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/linkwork.deb >/dev/null ||
  fail "apt-get could not install the package"
in_root dpkg -s linkwork | grep -E '^(Status|Version|Installed-Size)'

echo "== The installed command line"
in_root linkwork --version
printf 'clean install check passphrase\n' >"$root/tmp/pass"
in_root linkwork init --data-dir /root/vault --passphrase-file /tmp/pass >/dev/null || fail "linkwork init failed"
in_root linkwork check --data-dir /root/vault --passphrase-file /tmp/pass || fail "linkwork check failed"
in_root linkwork about --licences | cut -f1 | grep -qx tauri || fail "linkwork about --licences does not list tauri"
echo "$(in_root linkwork about --licences | wc -l) third-party components listed by linkwork about --licences"

echo "== The installed app under Xvfb"
n=97
while [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
mkdir -p "$root/dev/shm"
in_root env DISPLAY=":$n" LINKWORK_DATA_DIR=/root/desktop-vault linkwork-desktop >"$root/tmp/app.log" 2>&1 &
app=$!
sleep 8
kill -0 "$app" 2>/dev/null || fail "linkwork-desktop exited: $(cat "$root/tmp/app.log")"
mkdir -p "$OUT"
import -display ":$n" -window root "$OUT/first-screen.png" 2>/dev/null || true
pkill -f "^linkwork-desktop" 2>/dev/null || kill "$app" 2>/dev/null || true
echo "The installed app ran for 8 s with its window open (screenshot: ${OUT#"$ROOT"/}/first-screen.png)."
echo "Installed on a clean Debian 12 with only the package's dependencies: OK"
