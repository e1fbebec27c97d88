#!/usr/bin/env bash
# ./dev windows: Linkwork for Windows 10 and 11, built and checked on Linux (ARCHITECTURE.md, "Windows").
#
#   scripts/windows.sh [build] [test] [package] [roundtrip]     (no argument: all four)
#
#   build      the console CLI (linkwork.exe), the desktop app (linkwork-desktop.exe) and every test
#              program, in one cargo run: Debian's rustc-web builds the standard library for
#              x86_64-pc-windows-gnu (-Zbuild-std), mingw-w64 links, SQLCipher on vendored OpenSSL
#   test       the store, API and CLI integration suites under Wine
#   package    the per-user installer (NSIS) and the MSI for IT (wixl), sizes printed
#   roundtrip  in a fresh Wine prefix: install silently, then the installed CLI's init, demo, check,
#              backup, backup verify, restore into a second folder, report monthly; uninstall, and
#              the vault is still there; the MSI installed, run and removed
#
# RELEASE=1 builds the release profile (what is shipped); by default the development profile, as
# the tests need (CI). The programs, installers and logs land under target/x86_64-pc-windows-gnu/.
# Cargo's own Windows build folder (the standard library built for Windows, and every
# dependency) is kept between runs on one machine, outside the checkout, so a clean clone does not
# build it all again: ~/.cache/linkwork/windows-target, or LINKWORK_WINDOWS_TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TRIPLE=x86_64-pc-windows-gnu
WIN=$ROOT/target/$TRIPLE
# A target folder of its own: a Windows build never waits for, or disturbs, the Linux one.
export CARGO_TARGET_DIR=${LINKWORK_WINDOWS_TARGET:-${XDG_CACHE_HOME:-$HOME/.cache}/linkwork/windows-target}
if [ "${RELEASE:-0}" = 1 ]; then PROFILE=release; PROFILE_FLAG=--release; else PROFILE=debug; PROFILE_FLAG=; fi
BUILT=$CARGO_TARGET_DIR/$TRIPLE/$PROFILE
BIN=$WIN/$PROFILE
STAGE=$WIN/stage-$PROFILE
INSTALLERS=$WIN/installers
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

# Debian's compiler, not rustup's: only it can build a Windows standard library here.
CARGO=/usr/bin/cargo
export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
# No line tables in the development build: smaller programs, quicker links under Wine.
export CARGO_PROFILE_DEV_DEBUG=0
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$ROOT/scripts/wine-run
export LINKWORK_WINE_PRNG_DLL=$WIN/wine/bcryptprimitives.dll
export WINEDEBUG=-all WINEPREFIX=$WIN/wine/prefix
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
CARGO_ARGS=(-Zbuild-std=std,panic_abort --target "$TRIPLE" --locked $PROFILE_FLAG
  -p linkwork-store -p linkwork-api -p linkwork-cli -p linkwork-desktop --features linkwork-store/portable)

say() { printf '\n== %s\n' "$*"; }
die() { printf 'windows: %s\n' "$*" >&2; exit 1; }

build() {
  [ -f ui/dist/index.html ] || die "build the UI first (./dev build, or cd ui && npm run build): the app embeds it"
  mkdir -p "$WIN/wine"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$LINKWORK_WINE_PRNG_DLL" tests/wine/bcryptprimitives.c -ladvapi32
  say "Windows build ($PROFILE): CLI, desktop app, test programs"
  local log=$WIN/build-$PROFILE.log
  # One cargo run for everything, so shared dependencies are built once with one set of features.
  if ! $CARGO test --no-run "${CARGO_ARGS[@]}" --message-format=json-render-diagnostics \
      >"$WIN/build-$PROFILE.json" 2>"$log"; then
    tail -50 "$log"; die "the Windows build failed (whole log: $log)"
  fi
  if grep -E '^warning' "$log" | grep -v 'warning: .* generated' >/dev/null; then
    grep -E -A8 '^warning' "$log" | head -60; die "the Windows build has warnings (whole log: $log)"
  fi
  mkdir -p "$BIN"
  cp "$BUILT/linkwork.exe" "$BUILT/linkwork-desktop.exe" "$BIN/"
  # The WebView2 loader the webview2-com-sys crate ships; the app loads it from beside itself.
  local loader; loader=$(find "$BUILT/build" -path '*webview2-com-sys*/out/x64/WebView2Loader.dll' | head -1)
  [ -n "$loader" ] || die "WebView2Loader.dll not found under $BUILT/build"
  cp "$loader" "$BIN/"
  ls -l "$BIN"/*.exe | awk '{printf "%s  %.1f MB\n", $NF, $5/1048576}'
}

# The test programs of the store, API and CLI, from the build's own list: program, then its
# crate's folder (tests run from there, as cargo runs them; under Wine it is on drive Z:).
test_programs() {
  python3 - "$WIN/build-$PROFILE.json" <<'PY'
import json, os, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") != "compiler-artifact" or not m.get("executable") or not m["profile"]["test"]:
        continue
    crate = os.path.dirname(m["manifest_path"])
    if os.path.basename(crate) in ("linkwork-store", "linkwork-api", "linkwork-cli"):
        print(m["executable"] + "\t" + crate)
PY
}

run_tests() {
  say "Store, API and CLI suites under Wine"
  local failed=() prog crate log=$WIN/wine-tests.log
  : >"$log"
  local one=$WIN/wine-suite.log
  while IFS=$'\t' read -r prog crate; do
    printf -- '-- %s: ' "$(basename "$crate")/$(basename "$prog")"
    local ok=0
    (cd "$crate" && "$ROOT/scripts/wine-run" "$prog") >"$one" 2>&1 && ok=1
    # Wine now and then fails to start a child process (ERROR_INTERNAL_ERROR, 1359, from
    # CreateProcess) before the test does anything: that suite runs once more, and says so.
    if [ $ok = 0 ] && grep -aq 'Os { code: 1359' "$one"; then
      printf 'Wine could not start a process (1359); running the suite again: '
      cat "$one" >>"$log"
      (cd "$crate" && "$ROOT/scripts/wine-run" "$prog") >"$one" 2>&1 && ok=1
    fi
    cat "$one" >>"$log"
    if [ $ok = 1 ]; then
      grep -a '^test result' "$one" | tail -1
    else
      echo FAILED; failed+=("$prog")
    fi
  done < <(test_programs)
  if [ ${#failed[@]} -gt 0 ]; then
    grep -a -E '^(---- |thread |failures:)|FAILED|panicked' "$log" | head -60
    die "Windows suites failed under Wine: ${failed[*]} (whole log: $log)"
  fi
}

licence_files() {
  {
    printf 'Linkwork %s\r\n\r\n' "$VERSION"
    printf 'Copyright (C) Linkwork contributors.\r\n\r\n'
    printf 'Linkwork is free software: you can redistribute it and/or modify it under the terms of the\r\n'
    printf 'GNU Affero General Public License as published by the Free Software Foundation, either\r\n'
    printf 'version 3 of the License, or (at your option) any later version (AGPL-3.0-or-later).\r\n\r\n'
    printf 'It is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even\r\n'
    printf 'the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the licence:\r\n'
    printf 'https://www.gnu.org/licenses/agpl-3.0.html\r\n\r\n'
    printf 'The third-party components and their licences are in third-party-licences.txt, in\r\n'
    printf 'Settings > About Linkwork, and from `linkwork about --licences`.\r\n'
  } >"$STAGE/LICENCE.txt"
  python3 - crates/linkwork-api/data/third-party.json >"$STAGE/third-party-licences.txt" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
out = ["Third-party components in Linkwork, with their licences (SPDX).", ""]
out += [f"{r['name']} {r['version']} ({r['kind']}): {r['licence']}" for r in rows]
sys.stdout.write("\r\n".join(out) + "\r\n")
PY
}

package() {
  say "Installers ($PROFILE build)"
  rm -rf "$STAGE"; mkdir -p "$STAGE" "$INSTALLERS"
  cp "$BIN/linkwork.exe" "$BIN/linkwork-desktop.exe" "$BIN/WebView2Loader.dll" "$STAGE/"
  licence_files
  [ ! -e "$STAGE/bcryptprimitives.dll" ] || die "the Wine stand-in must never be shipped"
  local exe=$INSTALLERS/Linkwork-$VERSION-setup.exe msi=$INSTALLERS/linkwork-$VERSION-x64.msi
  # LZMA for what is shipped; the quicker zlib for the development build the tests install.
  local compressor=zlib; [ "$PROFILE" = debug ] || compressor="/SOLID lzma"
  makensis -V2 -DCOMPRESSOR="$compressor" -DVERSION="$VERSION" -DSTAGE="$STAGE" -DOUT="$exe" -DICON="$ROOT/icons/icon.ico" \
    -DSIZE_KB="$(du -sk "$STAGE" | cut -f1)" src-tauri/windows/linkwork.nsi
  # wixl takes source paths relative to the working folder only.
  wixl -a x64 -D Version="$VERSION" -D Stage="${STAGE#"$ROOT"/}" -D Icon=icons/icon.ico -o "$msi" src-tauri/windows/linkwork.wxs
  for f in "$exe" "$msi"; do
    printf 'Installer %s: %.1f MB (%s build)\n' "$(basename "$f")" "$(du -k "$f" | cut -f1 | awk '{print $1/1024}')" "$PROFILE"
  done
}

roundtrip() {
  say "Installer round trip under Wine (a fresh prefix)"
  local prefix=$WIN/wine/install-prefix work=$WIN/wine/roundtrip
  rm -rf "$prefix" "$work"; mkdir -p "$work"
  export WINEPREFIX=$prefix WINEDLLOVERRIDES="bcryptprimitives=n,b"
  $WINE cmd /c exit >/dev/null 2>&1 || true
  cp "$LINKWORK_WINE_PRNG_DLL" "$prefix/drive_c/windows/system32/"
  local user; user=$(ls "$prefix/drive_c/users" | grep -v -x Public | head -1)
  local local_app=$prefix/drive_c/users/$user/AppData/Local
  local programs=$local_app/Programs/Linkwork
  local vault=$local_app/org.linkwork.desktop
  local zdir; zdir="Z:$(printf '%s' "$work" | tr / '\\')"
  local pass=$work/pass.txt
  printf 'correct horse battery staple\n' >"$pass"
  chmod 600 "$pass"  # private, as the README asks (else every command warns about it)

  $WINE "$INSTALLERS/Linkwork-$VERSION-setup.exe" /S; $WINESERVER -w
  for f in linkwork.exe linkwork-desktop.exe WebView2Loader.dll LICENCE.txt "Uninstall Linkwork.exe"; do
    [ -f "$programs/$f" ] || die "the installer did not put $f in $programs"
  done
  [ -f "$local_app/../Roaming/Microsoft/Windows/Start Menu/Programs/Linkwork.lnk" ] || die "no Start menu entry"
  $WINE reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Linkwork' 2>/dev/null \
    | grep -q "DisplayVersion.*$VERSION" || die "no entry in the user's Apps list"
  echo "installed per user in $programs, with a Start menu entry and an uninstaller"

  lw() { $WINE "$programs/linkwork.exe" "$@" --passphrase-file "$(printf 'Z:%s' "$pass" | tr / '\\')"; }
  lw init >/dev/null
  [ -f "$vault/linkwork.db" ] || die "init did not make the vault in the local (not roaming) app-data folder"
  lw demo --people 20 | tail -1
  lw check
  lw backup --out "$zdir\\backup.age" >/dev/null
  lw backup verify "$zdir\\backup.age" | head -1
  lw restore --data-dir 'C:\users\Public\Restored vault' "$zdir\\backup.age" | head -1
  [ "$(lw people list --data-dir 'C:\users\Public\Restored vault' | tr -d '\r' | grep -c -E ' (open|closed)( |$)')" = 20 ] || die "the restored vault does not hold the 20 people"
  age-keygen -o "$work/supervisor.txt" 2>/dev/null
  local public; public=$(sed -n 's/^# public key: //p' "$work/supervisor.txt")
  lw report settings --worker-name "Wine Round Trip" >/dev/null
  lw report monthly --to "$public" --out "$zdir\\report.age" >/dev/null
  age -d -i "$work/supervisor.txt" "$work/report.age" >"$work/report.zip"
  # The listing is read whole first: `grep -q` stopping early would end `unzip` with SIGPIPE,
  # which pipefail counts as a failure.
  local listed; listed=$(unzip -Z1 "$work/report.zip") || die "the report did not open with the supervisor's key"
  grep -qx figures.json <<<"$listed" || die "the report did not open with the supervisor's key"
  grep -qx signature.json <<<"$listed" || die "the report is not signed by the vault that made it"
  echo "installed CLI: init, demo, check, backup, backup verify, restore (20 of 20 people), report monthly"

  # Private files, seen from Linux: Wine keeps the owner-only access list as permission bits,
  # so another local user is refused.
  local open; open=$(find "$vault" -perm /o=rwx | head -3)
  [ -z "$open" ] || die "vault files others can open: $open"
  if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
    ! setpriv --reuid=nobody --regid=nogroup --clear-groups cat "$vault/key-passphrase.age" >/dev/null 2>&1 \
      || die "another local user could read the key file"
    echo "another local user (nobody) is refused the vault's files"
  fi

  $WINE "$programs/Uninstall Linkwork.exe" /S; $WINESERVER -w
  for _ in $(seq 30); do [ -e "$programs/linkwork.exe" ] || break; sleep 1; done
  [ ! -e "$programs/linkwork.exe" ] || die "the uninstaller left the program behind"
  ! $WINE reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Linkwork' >/dev/null 2>&1 \
    || die "the uninstaller left its Apps entry"
  [ -f "$vault/linkwork.db" ] && [ -f "$vault/key-passphrase.age" ] || die "uninstalling removed the vault"
  echo "uninstalled; the vault is still in $vault"

  $WINE msiexec /i "$INSTALLERS/linkwork-$VERSION-x64.msi" /qn; $WINESERVER -w
  local pf=$prefix/drive_c/Program\ Files/Linkwork
  [ "$($WINE "$pf/linkwork.exe" --version | tr -d '\r')" = "linkwork $VERSION" ] || die "the MSI's linkwork.exe does not run"
  # (Wine puts a per-machine shortcut in the installing user's Start menu; Windows, in everyone's.)
  [ -n "$(find "$prefix/drive_c" -path '*Start Menu/Programs/Linkwork.lnk')" ] || die "the MSI made no Start menu entry"
  $WINE msiexec /x "$INSTALLERS/linkwork-$VERSION-x64.msi" /qn; $WINESERVER -w
  [ ! -e "$pf/linkwork.exe" ] || die "the MSI did not uninstall"
  [ -z "$(find "$prefix/drive_c" -path '*Start Menu/Programs/Linkwork.lnk')" ] || die "the MSI left its Start menu entry"
  echo "MSI: installed silently (msiexec /qn), ran, removed"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(build test package roundtrip)
for s in "${steps[@]}"; do
  case $s in
    build) build ;;
    test) run_tests ;;
    package) package ;;
    roundtrip) roundtrip ;;
    *) die "unknown step $s (build, test, package, roundtrip)" ;;
  esac
done
