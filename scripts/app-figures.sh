#!/usr/bin/env bash
# App figures for the README's Benchmarks section (run by `./dev app-figures`, after a release
# build of linkwork-desktop and linkwork): cold start to the unlock screen, idle memory after
# unlocking a ten-link-worker-year vault, and the size of what is shipped. Prints Markdown.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=$ROOT/target/release/linkwork-desktop
CLI=$ROOT/target/release/linkwork
RUNS=${RUNS:-5}
[ -x "$APP" ] && [ -x "$CLI" ] || { echo "app-figures: build the release binaries first" >&2; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "app-figures: needs a display (./dev app-figures starts Xvfb)" >&2; exit 1; }

work=$(mktemp -d)
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$work"' EXIT
pass=$work/pass
printf 'app figures passphrase, not a real one\n' >"$pass"
now_ms() { date +%s%3N; }

# Waits up to $2 seconds for "linkwork-timing $1 <ms>" in $3 and prints the ms.
wait_for() {
  local end=$((SECONDS + $2))
  while [ $SECONDS -lt $end ]; do
    local ms; ms=$(awk -v e="$1" '$1 == "linkwork-timing" && $2 == e { print $3; exit }' "$3")
    [ -n "$ms" ] && { echo "$ms"; return 0; }
    sleep 0.02
  done
  echo "app-figures: no '$1' from the app within $2 s; its output:" >&2
  cat "$3" >&2
  return 1
}

# Every process of the app (WebKit's web and network processes are its children): RSS and PSS, MB.
memory() {
  local pids; pids=$(pstree -pT "$1" | grep -o '([0-9]*)' | tr -d '()')
  local rss=0 pss=0
  for p in $pids; do
    [ -r "/proc/$p/smaps_rollup" ] || continue
    local r s; r=$(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup"); s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")
    echo "  $(cat "/proc/$p/comm"): RSS $((r / 1024)) MB, PSS $((s / 1024)) MB" >&2
    rss=$((rss + r))
    pss=$((pss + s))
  done
  echo "$((rss / 1024)) $((pss / 1024)) $(echo "$pids" | wc -w)"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

echo "Making a scale-10 vault (production key derivation)…" >&2
"$CLI" init --data-dir "$work/vault" --passphrase-file "$pass" >/dev/null
"$CLI" demo --scale 10 --data-dir "$work/vault" --passphrase-file "$pass" >&2

starts=()
for i in $(seq "$RUNS"); do
  log=$work/start-$i.log
  t0=$(now_ms)
  LINKWORK_STARTUP_TIMING=1 LINKWORK_DATA_DIR="$work/vault" "$APP" 2>"$log" &
  pid=$!
  t1=$(wait_for status 60 "$log")
  starts+=($((t1 - t0)))
  stop "$pid"
done
sorted=$(printf '%s\n' "${starts[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(((RUNS + 1) / 2))p")
slowest=$(echo "$sorted" | tail -1)

log=$work/unlock.log
LINKWORK_STARTUP_TIMING=1 LINKWORK_DATA_DIR="$work/vault" "$APP" 2>"$log" &
pid=$!
wait_for status 60 "$log" >/dev/null
sleep "${IDLE_SECONDS:-15}"
echo "At the unlock screen:" >&2
read -r rss0 pss0 _ < <(memory "$pid")
# The passphrase field has the focus on the unlock screen: type it as a person would.
xdotool type --delay 5 "$(cat "$pass")"
xdotool key Return
wait_for unlock 60 "$log" >/dev/null
sleep "${IDLE_SECONDS:-15}"
echo "Unlocked, on the caseload:" >&2
read -r rss pss procs < <(memory "$pid")
stop "$pid"

binary=$(stat -c %s "$APP")
xz_size=$(xz -9 -T1 -c "$APP" | wc -c)
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
echo "| figure | value | target |"
echo "|---|---:|---:|"
echo "| cold start to the unlock screen (new process; median of $RUNS, slowest) | ${median} ms, ${slowest} ms | ≤ 1 s |"
echo "| idle memory at the unlock screen (RSS; PSS) | ${rss0} MB; ${pss0} MB | |"
echo "| idle memory after unlock, scale-10 vault ($procs processes: RSS; PSS) | ${rss} MB; ${pss} MB | ≤ 150 MB |"
echo "| release binary (stripped; xz -9) | $(mb "$binary"); $(mb "$xz_size") | |"
shopt -s nullglob
for f in "$ROOT"/target/release/bundle/deb/*.deb "$ROOT"/target/release/bundle/appimage/*.AppImage; do
  echo "| $(basename "$f") | $(mb "$(stat -c %s "$f")") | ≤ 15 MB |"
done
