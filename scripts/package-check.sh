#!/usr/bin/env bash
# The packaging smoke test (run by `./dev package` after the bundler): the .deb's control data and
# file list, the unpacked binaries started headless from a throwaway root, and each bundle's size.
# Fails on the first thing wrong.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$ROOT/target/release/bundle
fail() { echo "package-check: $*" >&2; exit 1; }

version=$(cargo metadata --no-deps --format-version 1 --manifest-path "$ROOT/Cargo.toml" |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "linkwork-desktop"))')
deb=$(ls "$BUNDLE"/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb in $BUNDLE/deb"

echo "== $(basename "$deb")"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = linkwork ] || fail "Package is '$(field Package)', not linkwork"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', the workspace says $version"
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libssl3; do
  field Depends | grep -q "$dep" || fail "Depends lacks $dep: $(field Depends)"
done
field Description | grep -q "social prescribing" || fail "Description: $(field Description)"
echo "Package $(field Package) $(field Version) ($(field Architecture)); Depends: $(field Depends)"

files=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's#^\./##')
for f in usr/bin/linkwork-desktop usr/bin/linkwork usr/share/applications/Linkwork.desktop \
  usr/share/icons/hicolor/32x32/apps/linkwork-desktop.png \
  usr/share/icons/hicolor/128x128/apps/linkwork-desktop.png \
  usr/share/icons/hicolor/512x512/apps/linkwork-desktop.png; do
  grep -qx "$f" <<<"$files" || fail "$f is not in the package; it holds:
$files"
done
echo "$(wc -l <<<"$files") entries, binaries and icons present"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
desktop=$root/usr/share/applications/Linkwork.desktop
grep -q '^Exec=linkwork-desktop' "$desktop" || fail "the menu entry does not start linkwork-desktop: $(cat "$desktop")"
grep -q '^Categories=.*Medical' "$desktop" || fail "the menu entry has no Medical category: $(grep Categories "$desktop")"

# The CLI from the package runs and reports the workspace version.
got=$("$root/usr/bin/linkwork" --version)
[ "$got" = "linkwork $version" ] || fail "linkwork --version said '$got'"
# A headless start: a new vault made, unlocked and checked by the packaged CLI (SQLCipher, age).
printf 'package check passphrase\n' >"$root/pass"
cli() { HOME=$root/home "$root/usr/bin/linkwork" "$@" --data-dir "$root/data" --passphrase-file "$root/pass"; }
cli init >/dev/null || fail "linkwork init failed"
cli check | grep -qi "ok\|passed\|healthy" || fail "linkwork check on the new vault: $(cli check 2>&1)"
# The desktop binary links against nothing missing on this system.
missing=$(ldd "$root/usr/bin/linkwork-desktop" | grep "not found" || true)
[ -z "$missing" ] || fail "linkwork-desktop needs libraries this system lacks: $missing"
echo "linkwork --version, init and check ran from the unpacked package; linkwork-desktop's libraries resolve"

echo "== Sizes"
for f in "$deb" "$BUNDLE"/appimage/*.AppImage; do
  [ -f "$f" ] || continue
  printf '%s: %.1f MB\n' "$(basename "$f")" "$(echo "$(stat -c %s "$f") / 1000000" | bc -l)"
done
