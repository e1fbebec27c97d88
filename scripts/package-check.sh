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

files=$(dpkg-deb -c "$deb" | sed 's/ -> .*//' | awk '{print $NF}' | sed 's#^\./##')
for f in usr/bin/linkwork-desktop usr/bin/linkwork usr/share/applications/Linkwork.desktop \
  usr/share/icons/hicolor/32x32/apps/linkwork-desktop.png \
  usr/share/icons/hicolor/128x128/apps/linkwork-desktop.png \
  usr/share/icons/hicolor/512x512/apps/linkwork-desktop.png; do
  grep -qx "$f" <<<"$files" || fail "$f is not in the package; it holds:
$files"
done
grep -q ' \./usr/bin/linkwork -> linkwork-desktop$' <<<"$(dpkg-deb -c "$deb")" ||
  fail "/usr/bin/linkwork is not a link to linkwork-desktop (the one binary, started as the command line)"
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

appimage=$(ls "$BUNDLE"/appimage/*.AppImage 2>/dev/null | head -1 || true)
if [ -n "$appimage" ]; then
  echo "== $(basename "$appimage")"
  [ "$(basename "$appimage")" = "Linkwork_${version}_amd64.AppImage" ] || fail "the AppImage's name lacks the version $version"
  # An ELF with the type-2 AppImage magic ("AI", 2) at byte 8.
  [ "$(od -An -tx1 -N11 "$appimage" | tr -d ' \n')" = 7f454c4602010100414902 ] || fail "not a type-2 AppImage"
  # Its contents, unpacked by its own runtime (no FUSE needed).
  (cd "$root" && "$appimage" --appimage-extract >/dev/null) || fail "--appimage-extract failed"
  sq=$root/squashfs-root
  for f in AppRun Linkwork.desktop .DirIcon usr/bin/linkwork-desktop usr/bin/linkwork \
    usr/share/doc/linkwork/appimage-runtime.txt; do
    [ -e "$sq/$f" ] || fail "$f is not in the AppImage"
  done
  [ -x "$sq/AppRun" ] || fail "AppRun is not executable"
  grep -q "^X-AppImage-Version=$version$" "$sq/Linkwork.desktop" || fail "Linkwork.desktop lacks X-AppImage-Version=$version"
  [ -f "$sq/$(readlink "$sq/.DirIcon")" ] || fail ".DirIcon points at nothing"
  for b in linkwork linkwork-desktop; do
    cmp -s "$sq/usr/bin/$b" "$root/usr/bin/$b" || fail "the AppImage's $b differs from the .deb's"
  done
  # Started through its runtime and AppRun, extracting to a temporary folder rather than mounting
  # (install-check mounts it with FUSE, as a user's desktop would).
  got=$(APPIMAGE_EXTRACT_AND_RUN=1 "$appimage" cli --version)
  [ "$got" = "linkwork $version" ] || fail "the AppImage's 'cli --version' said '$got'"
  HOME=$root/home APPIMAGE_EXTRACT_AND_RUN=1 "$appimage" cli check --data-dir "$root/data" --passphrase-file "$root/pass" |
    grep -qi "ok\|passed\|healthy" || fail "the AppImage's 'cli check' on the vault failed"
  echo "type-2 AppImage; the .deb's binaries, menu entry and icon; 'cli --version' and 'cli check' ran through its AppRun"
fi

echo "== Sizes"
for f in "$deb" "$BUNDLE"/appimage/*.AppImage; do
  [ -f "$f" ] || continue
  printf '%s: %.1f MB\n' "$(basename "$f")" "$(echo "$(stat -c %s "$f") / 1000000" | bc -l)"
done
