#!/bin/sh
# The notification part of make bench (and all of make bench-notify), from a
# built tree's top:
#   tools/bench/notify.sh WORK
# tests/bench/notify.c under Wine, 64- and 32-bit where both run, on a fresh
# prefix and store under WORK: the latency from a change made by one process
# to GetClusterNotify's return in another (NOTIFY_PACED changes 10 ms apart,
# default 200), then NOTIFY_BURST changes back to back (default 10000), none
# to be lost or seen twice.  Prints one line per series:
#   notify_latency BITS calls=N median_us=.. p99_us=.. max_us=.. first_us=..
#   notify_count BITS changes=N received=N lost=N duplicated=N seconds=S
# and exits 1 if a change was lost or duplicated.
set -eu
mkdir -p "$1"
work=$(cd "$1" && pwd)
top=$(pwd)
tool=$top/wineclus
WINESERVER=${WINESERVER:-$(sed -n 's/^WINESERVER *= *//p' Makefile)}
. "$top/tests/bits32.sh"

export WINEPREFIX="$work/notify-prefix" WINECLUS_STORE="$work/notify-store" WINEDEBUG=-all
rm -rf "$WINEPREFIX" "$WINECLUS_STORE"
"$tool" setup --node NODE1 >"$work/notify-setup.txt" 2>&1 || { cat "$work/notify-setup.txt" >&2; exit 1; }
bits="64"
why=$(why32)
if [ -z "$why" ]; then bits="64 32"; else echo "notify: 32-bit: not measured ($why)" >&2; fi
rc=0
for b in $bits; do
    sfx=$([ "$b" = 32 ] && echo 32 || true)
    "$tool" run "$top/build/tests/notifybench$sfx.exe" "${NOTIFY_PACED:-200}" "${NOTIFY_BURST:-10000}" \
        >"$work/notify.out" 2>"$work/notify.err" || rc=1
    tr -d '\r' <"$work/notify.out" | awk -v b="$b" '/^notify_/ { $1 = $1 " " b } { print }'
    [ "$rc" = 0 ] || cat "$work/notify.err" >&2
done
"$WINESERVER" -k 2>/dev/null || true
rm -rf "$WINEPREFIX" "$WINECLUS_STORE"
exit "$rc"
