#!/bin/sh
# The hostile calls of the stress campaign under Wine, one bitness:
#   tests/stress/hostile.sh BITS WORK SEED [BATCHES CALLS STREAMS]
# from the build top.  BITS is 64 or 32 (build/stress/hostile.exe or
# hostile32.exe, in a 64-bit prefix of its own under WORK, emulating Server
# 2003, with a store of its own).  regseed first stores STREAMS hostile
# registry checkpoint streams; then BATCHES processes of CALLS hostile calls
# each; without them the quick variant (make check, make check-matrix): 1 of
# 1000 calls, 200 streams.  Prints "figure NAME VALUE" lines (names carry the bitness: hostile_calls,
# hostile32_calls) and ends with "N passed, N failed"; or, where this tree's
# 32-bit programs cannot run, with one line "32-bit: skipped (why)".
set -u
bits=$1 work=$2 seed=$3 batches=${4:-1} calls=${5:-1000} streams=${6:-200}
top=$(pwd)
bin=$top/build/stress
WINESERVER=${WINESERVER:-wineserver}
sfx=$([ "$bits" = 32 ] && echo 32)
. "$top/tests/bits32.sh"

rm -rf "$work"
mkdir -p "$work"
export WINEPREFIX="$work/prefix" WINECLUS_STORE="$work/store" WINEDEBUG=-all
"$top/wineclus" setup --node TESTNODE >"$work/setup.txt" 2>&1 || { cat "$work/setup.txt"; echo "0 passed, 1 failed"; exit 1; }
if [ "$bits" = 32 ]; then
    why=$(why32)
    if [ -n "$why" ]; then "$WINESERVER" -k 2>/dev/null; echo "32-bit: skipped ($why)"; exit 0; fi
fi
"$top/wineclus" run winecfg /v win2003 >/dev/null 2>&1
"$WINESERVER" -w
keys() { grep '^\[' "$WINEPREFIX/system.reg" | sed 's/\] [0-9]*$/]/' | sort; }
"$bin/regseed" "$WINECLUS_STORE" "$seed" "$streams" || { echo "0 passed, 1 failed"; exit 1; }
# A canary tree in every checkpointed key before anything applies a stream.
"$top/wineclus" run regedit /S "Z:$(echo "$WINECLUS_STORE/regseed.reg" | tr / '\\')" >/dev/null 2>&1
"$WINESERVER" -w
keys >"$work/keys.before"
malformed() { # the sections of system.reg of the keys whose streams are malformed
    awk -v list="$WINECLUS_STORE/regseed.bad" '
        BEGIN { while ((getline n < list) > 0) bad[n] = 1 }
        /^\[/ { keep = 0; if (match(tolower($0), /^\[software\\\\hostileckpt\\\\[0-9]+/)) {
                    n = substr($0, 25, RLENGTH - 24); keep = (n in bad) } }
        keep && !/^#time=/ { sub(/\] [0-9]+$/, "]"); print }' "$WINEPREFIX/system.reg"
}
malformed >"$work/malformed.before"
# The same streams come back through RestoreClusterDatabase too: a set of
# the seeded store, restored by the first batch before anything else.
mkdir -p "$work/hset"
"$top/wineclus" backup "$work/hset" >"$work/hset.txt" 2>&1 || { cat "$work/hset.txt"; echo "0 passed, 1 failed"; exit 1; }
# Without its manifest, as a set copied by a tool that knows only the
# documented files: then every hive is walked (with it, the hashes stand
# for the walk and a hive the store would refuse reaches the apply's walk).
rm -f "$work/hset/wineclus.sum"
hset="Z:$(echo "$work/hset" | tr / '\\')"
total=0 bad=0 i=0
while [ $i -lt "$batches" ]; do
    # One batch per process, each with its own time limit: a hang is a failure.
    set -- $((seed + i)) "$calls"
    # A set holding a malformed stream is refused whole: ERROR_DATABASE_BACKUP_CORRUPT.
    [ $i = 0 ] && set -- "$@" "$hset" $([ -s "$WINECLUS_STORE/regseed.bad" ] && echo 5087 || echo 0)
    timeout 300 "$top/wineclus" run "$bin/hostile$sfx.exe" "$@" >"$work/batch$i.txt" 2>&1
    rc=$?
    # A wineserver that is exiting (3 s after its last client) as the next
    # batch connects resets that connection: Wine's race, not ours, and it
    # never gets as far as our code.  One more try then.
    if [ $rc -ne 0 ] && ! grep -q 'passed,' "$work/batch$i.txt" &&
       grep -q 'wine client error' "$work/batch$i.txt"; then
        echo "hostile batch $i: the wineserver went away under it; run again"
        "$WINESERVER" -w
        timeout 300 "$top/wineclus" run "$bin/hostile$sfx.exe" "$@" >"$work/batch$i.txt" 2>&1
        rc=$?
    fi
    if [ $rc -eq 0 ]; then
        total=$((total + calls))
    else
        bad=$((bad + 1)); echo "not ok: hostile batch $i (seed $((seed + i))) failed or hung"
        grep '^not ok' "$work/batch$i.txt" | head -n 3
    fi
    i=$((i + 1))
done
# The registry reaches system.reg when the server stops.
"$WINESERVER" -w
keys >"$work/keys.after"
outside=$(comm -13 "$work/keys.before" "$work/keys.after" | grep -v -i \
    -e '^\[Software\\\\HostileCkpt\\\\' -e '^\[Software\\\\Wine\\\\Cluster' | head -n 5)
inside=$(comm -13 "$work/keys.before" "$work/keys.after" | grep -c -i '^\[Software\\\\HostileCkpt\\\\')
[ -n "$outside" ] && { bad=$((bad + 1)); echo "not ok: registry keys written outside the checkpoints:"; echo "$outside"; }
# Keys of malformed streams: byte for byte the canary; nothing staged left anywhere.
malformed >"$work/malformed.after"
if ! cmp -s "$work/malformed.before" "$work/malformed.after" || [ ! -s "$work/malformed.before" ]; then
    bad=$((bad + 1)); echo "not ok: keys of malformed streams changed (or no canary):"
    diff "$work/malformed.before" "$work/malformed.after" | head -n 5
fi
identical=$(grep -c '^\[' "$work/malformed.after")
if grep -q -i 'wineclus-new\|wineclus-old' "$WINEPREFIX/system.reg"; then
    bad=$((bad + 1)); echo "not ok: staging keys left behind:"; grep -i 'wineclus-new\|wineclus-old' "$WINEPREFIX/system.reg" | head -n 3
fi
echo "figure hostile${sfx}_calls $total"
echo "figure hostile${sfx}_batches $batches"
echo "figure regckpt${sfx}_streams $streams"
echo "figure regckpt${sfx}_keys_inside $inside"
echo "figure regckpt${sfx}_malformed_keys_identical $identical"
echo "$((batches + 3 - bad)) passed, $bad failed"
