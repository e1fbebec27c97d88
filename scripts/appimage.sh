#!/usr/bin/env bash
# The AppImage, assembled from the .deb the Tauri bundler has just made: the same binary and its
# `linkwork` link, menu entry and icons, plus an AppRun script, in a squashfs image behind
# AppImageKit's runtime. Run by `./dev package`. Why not the bundler's own AppImage: ARCHITECTURE.md,
# "Why the AppImage is not the bundler's".
#
# GTK and WebKitGTK are not inside: they come from the system's packages (the .deb's Depends), so
# the web engine keeps getting the distribution's security updates. Mounting the image needs
# libfuse2; without it, `--appimage-extract-and-run` (or APPIMAGE_EXTRACT_AND_RUN=1) works.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$ROOT/target/release/bundle
TOOLS=$ROOT/.tools
fail() { echo "appimage: $*" >&2; exit 1; }

# The runtime: AppImageKit's (MIT, commit 8bbf694) as the `appimage` crate on crates.io carries it.
# Both the crate and the file are pinned by checksum; the crates registry is the one source this
# build trusts already.
CRATE_URL=https://static.crates.io/crates/appimage/appimage-0.4.0.crate
CRATE_SHA256=567a4da6b94a2ac20a27620933c80fc14cf475b5fe7d7b137d20eb237d6b1920
RUNTIME_SHA256=328e0d745c5c6817048c27bc3e8314871703f8f47ffa81a37cb06cd95a94b323
runtime=$TOOLS/appimage-runtime-x86_64

deb=$(ls "$BUNDLE"/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb in $BUNDLE/deb: the AppImage is made from it"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "the runtime here is for x86-64 only"
command -v mksquashfs >/dev/null || fail "mksquashfs is missing (apt-get install squashfs-tools)"
version=$(dpkg-deb -f "$deb" Version)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! echo "$RUNTIME_SHA256  $runtime" | sha256sum -c --status 2>/dev/null; then
  echo "Fetching the AppImage runtime from $CRATE_URL"
  curl -fsSL -o "$work/runtime.crate" "$CRATE_URL"
  echo "$CRATE_SHA256  $work/runtime.crate" | sha256sum -c --status || fail "the crate's checksum is wrong"
  tar -xzf "$work/runtime.crate" -C "$work" appimage-0.4.0/assets/runtime-x86_64
  echo "$RUNTIME_SHA256  $work/appimage-0.4.0/assets/runtime-x86_64" | sha256sum -c --status ||
    fail "the runtime's checksum is wrong"
  mkdir -p "$TOOLS"
  install -m 755 "$work/appimage-0.4.0/assets/runtime-x86_64" "$runtime"
fi

app=$work/Linkwork.AppDir
dpkg-deb -x "$deb" "$app"
desktop=$app/usr/share/applications/Linkwork.desktop
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$app/usr/share/icons/hicolor/512x512/apps/$icon.png" ] || fail "no 512 px icon $icon.png in the .deb"
# What desktop integration (appimaged, AppImageLauncher) reads: the entry and icon at the top.
{ cat "$desktop"; echo "X-AppImage-Version=$version"; } >"$app/Linkwork.desktop"
cp "$app/usr/share/icons/hicolor/512x512/apps/$icon.png" "$app/$icon.png"
ln -s "$icon.png" "$app/.DirIcon"
cat >"$app/AppRun" <<'APPRUN'
#!/bin/sh
# Linkwork's AppImage: the app, or with `cli` first, the linkwork command line
# (./Linkwork_*.AppImage cli --help).
here=$(dirname "$(readlink -f "$0")")
if [ "${1:-}" = cli ]; then
  shift
  exec "$here/usr/bin/linkwork" "$@"
fi
exec "$here/usr/bin/linkwork-desktop" "$@"
APPRUN
chmod 755 "$app/AppRun"
mkdir -p "$app/usr/share/doc/linkwork"
cat >"$app/usr/share/doc/linkwork/appimage-runtime.txt" <<'NOTE'
This AppImage starts with AppImageKit's runtime (https://github.com/AppImage/AppImageKit,
commit 8bbf694), MIT licence, as distributed in the `appimage` crate 0.4.0 on crates.io
(Apache-2.0 OR MIT). The licences of Linkwork's own third-party components are listed under
Settings > About Linkwork, and by `linkwork about --licences`.
NOTE

# gzip, not xz: xz makes the image 3 MB smaller but the app half a second slower to start, as
# every page of the binary read at start is decompressed.
mksquashfs "$app" "$work/image" -all-root -noappend -quiet -comp gzip >/dev/null
out=$BUNDLE/appimage/Linkwork_${version}_amd64.AppImage
mkdir -p "$BUNDLE/appimage"
cat "$runtime" "$work/image" >"$out"
chmod 755 "$out"
echo "Made ${out#"$ROOT"/}"
