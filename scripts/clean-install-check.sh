#!/usr/bin/env bash
# Installs the .deb into a clean Debian 12 (debootstrap --variant=minbase: no desktop, no WebKit)
# with apt, so only the package's declared dependencies come in, then runs the installed CLI on a
# new vault and starts the installed app under Xvfb and screenshots its first screen. Then the
# AppImage, on a second clean root with only its listed runtime packages, run by a normal user:
# its CLI, and the app started and screenshot.
# Needs root (chroot, mounts) and the Debian mirror. Run by `./dev install-check`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/test-output/install-check
fail() { echo "install-check: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (chroot and mounts): run it with sudo"
command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install debootstrap)"
deb=$(ls "$ROOT"/target/release/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb: run ./dev package first"
appimage=$(ls "$ROOT"/target/release/bundle/appimage/*.AppImage 2>/dev/null | head -1 || true)

root=$(mktemp -d /tmp/linkwork-clean-root.XXXXXX)
aroot=$root-appimage
chmod 755 "$root" # apt's own user reads its lists inside
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  for r in "$aroot" "$root"; do
    [ -d "$r" ] || continue
    # Whatever still runs inside (the app, the AppImage's FUSE mount) before the unmounts.
    for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && kill "${p#/proc/}" 2>/dev/null; done
    sleep 1
    for m in tmp/.X11-unix dev/fuse dev/shm dev/pts dev sys proc run/fuse-node; do umount -l "$r/$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$r" # never into a mount that failed to come off
  done
}
trap cleanup EXIT

echo "== A clean Debian 12 (minbase) in $root"
debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$root.log" 2>&1 ||
  fail "debootstrap failed: $(tail -5 "$root.log")"
rm -f "$root.log"
# The AppImage's root: a copy made before anything is installed.
[ -z "$appimage" ] || cp -a "$root" "$aroot"
enter() {
  mount -t proc proc "$1/proc"
  mount --rbind /sys "$1/sys"
  mount --rbind /dev "$1/dev"
  cp /etc/resolv.conf "$1/etc/resolv.conf"
}
enter "$root"
cp "$deb" "$root/tmp/linkwork.deb"
# Root in the chroot $1, with a clean environment.
root_in() {
  local r=$1
  shift
  chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}
in_root() { root_in "$root" "$@"; }

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
share_display() {
  mkdir -p "$1/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$1/tmp/.X11-unix"
  mkdir -p "$1/dev/shm"
}
share_display "$root"
in_root env DISPLAY=":$n" LINKWORK_DATA_DIR=/root/desktop-vault linkwork-desktop >"$root/tmp/app.log" 2>&1 &
app=$!
sleep 8
kill -0 "$app" 2>/dev/null || fail "linkwork-desktop exited: $(cat "$root/tmp/app.log")"
mkdir -p "$OUT"
import -display ":$n" -window root "$OUT/first-screen.png" 2>/dev/null || true
pkill -f "^linkwork-desktop" 2>/dev/null || kill "$app" 2>/dev/null || true
echo "The installed app ran for 8 s with its window open (screenshot: ${OUT#"$ROOT"/}/first-screen.png)."
echo "Installed on a clean Debian 12 with only the package's dependencies: OK"

[ -n "$appimage" ] || { echo "No AppImage built (BUNDLES=deb), so none checked."; exit 0; }
echo "== $(basename "$appimage") on a second clean Debian 12, with only its listed runtime packages"
# The .deb's dependencies, and FUSE to mount the image: libfuse2 for the runtime, fuse3 for
# fusermount (a GNOME desktop has fuse3 already). README "Installers" lists the same.
packages="$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' ' ') libfuse2 fuse3"
enter "$aroot"
root_in "$aroot" apt-get update -qq
# shellcheck disable=SC2086 # one word a package
root_in "$aroot" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null ||
  fail "apt-get could not install $packages"
echo "Installed: $packages"
install -m 755 "$appimage" "$aroot/opt/Linkwork.AppImage"
# A desktop's udev lets every user open /dev/fuse. Where this machine's does not (a container),
# the second root gets a node of its own with a desktop's permissions; the host's is untouched.
if [ "$(stat -c %a /dev/fuse)" != 666 ]; then
  mkdir -p "$aroot/run/fuse-node"
  mount -t tmpfs tmpfs "$aroot/run/fuse-node"
  mknod -m 666 "$aroot/run/fuse-node/fuse" c 10 229
  mount --bind "$aroot/run/fuse-node/fuse" "$aroot/dev/fuse"
fi
chroot "$aroot" useradd -m worker
# As a link worker would start it: a normal user, the image mounted with FUSE.
as_worker() {
  chroot --userspec=worker:worker "$aroot" env -i PATH=/usr/bin:/bin HOME=/home/worker LANG=C.UTF-8 "$@"
}
got=$(as_worker /opt/Linkwork.AppImage cli --version 2>&1) ||
  fail "the AppImage did not start as a normal user: $got"
echo "/opt/Linkwork.AppImage cli --version: $got"
printf 'clean install check passphrase\n' >"$aroot/tmp/pass"
chmod 644 "$aroot/tmp/pass"
as_worker /opt/Linkwork.AppImage cli init --data-dir /home/worker/vault --passphrase-file /tmp/pass >/dev/null ||
  fail "the AppImage's linkwork init failed"
as_worker /opt/Linkwork.AppImage cli check --data-dir /home/worker/vault --passphrase-file /tmp/pass ||
  fail "the AppImage's linkwork check failed"
share_display "$aroot"
as_worker env DISPLAY=":$n" LINKWORK_DATA_DIR=/home/worker/desktop-vault /opt/Linkwork.AppImage >"$aroot/tmp/app.log" 2>&1 &
app=$!
sleep 8
kill -0 "$app" 2>/dev/null || fail "the AppImage's app exited: $(cat "$aroot/tmp/app.log")"
import -display ":$n" -window root "$OUT/first-screen-appimage.png" 2>/dev/null || true
pkill -f '^/tmp/\.mount_[^ ]*/usr/bin/linkwork-desktop' 2>/dev/null || kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
echo "The AppImage's app ran for 8 s with its window open (screenshot: ${OUT#"$ROOT"/}/first-screen-appimage.png)."
echo "The AppImage ran on a clean Debian 12 with only its listed runtime packages: OK"
