#!/bin/sh
# The in-process part of make bench, from a built tree's top:
#   tools/bench/inproc.sh WORK CALLS
# tests/bench/inproc.c under Wine, 64- and 32-bit in one prefix, each on a
# generated 50-resource store; store and backup folder on the disk (under
# WORK) and then on tmpfs (/dev/shm); beside each, tests/bench/floor.c, the
# file system's share.  Appends one line per series to WORK/inproc.txt:
#   CALL WHERE BITS WINE calls=N median_us=.. p99_us=.. max_us=.. first_us=..
# (BITS and WINE are "-" for the floor), and prints "32-bit: not measured
# (why)" where this tree's 32-bit programs cannot run here.
set -eu
work=$1 calls=$2
top=$(pwd)
gen=$top/build/tools/wineclus-gen
floor=$top/build/tools/wineclus-floor
tool=$top/wineclus
WINESERVER=${WINESERVER:-$(sed -n 's/^WINESERVER *= *//p' Makefile)}
loader=$(sed -n 's/^WINELOADER *= *//p' Makefile)
wine=Wine-$("$loader" --version | sed 's/^wine-//; s/ .*//')
. "$top/tests/bits32.sh"

mkdir -p "$work"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
rm -rf "$WINEPREFIX"
"$tool" setup --node NODE1 >"$work/setup.txt" 2>&1 || { cat "$work/setup.txt" >&2; exit 1; }
bits="64"
why=$(why32)
if [ -z "$why" ]; then bits="64 32"; else echo "32-bit: not measured ($why)"; fi

one() {   # DIR WHERE
    d=$1/wineclus-inproc.$$
    rm -rf "$d"
    mkdir -p "$d"
    "$gen" -q "$d/store" 50 200K
    for b in $bits; do
        sfx=$([ "$b" = 32 ] && echo 32 || true)
        mkdir "$d/set$b"
        WINECLUS_STORE="$d/store" WINECLUS_BACKUP_API=2003 \
            "$tool" run "$top/build/tests/inproc$sfx.exe" "Z:$(echo "$d/set$b" | tr / '\\')" "$calls" \
            >"$d/out" 2>"$d/err" || { echo "bench: inproc$sfx.exe failed" >&2; cat "$d/out" "$d/err" >&2; exit 1; }
        "$WINESERVER" -k 2>/dev/null || true
        tr -d '\r' <"$d/out" | awk -v w="$2" -v b="$b" -v v="$wine" '{ $1 = $1 " " w " " b " " v; print }' \
            >>"$work/inproc.txt"
    done
    # The file system's share: the same set copied, synced and swapped as
    # often, with nothing else.
    mkdir "$d/floor"
    "$floor" "$d/set64" "$d/floor" "$calls" | awk -v w="$2" '{ $1 = $1 " " w " - -"; print }' >>"$work/inproc.txt"
    rm -rf "$d"
}

one "$work" disk
# The same in memory: what the code costs when creating files is cheap.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then one /dev/shm tmpfs; fi
rm -rf "$WINEPREFIX"
