#!/bin/sh
# The in-process part of make bench, from a built tree's top:
#   tools/bench/inproc.sh WORK CALLS
# tests/bench/inproc.c under Wine, 64- and 32-bit in one prefix, each on a
# generated 50-resource store; store and backup folder on the disk (under
# WORK) and then on tmpfs (/dev/shm); beside each, tests/bench/floor.c, the
# file system's share.  Appends one line per series to WORK/inproc.txt:
#   CALL WHERE BITS WINE calls=N median_us=.. p99_us=.. max_us=.. first_us=.. [cpu_us=..]
# (BITS and WINE are "-" for the floor), and prints "32-bit: not measured
# (why)" where this tree's 32-bit programs cannot run here.  The calls are
# made in INPROC_ROUNDS rounds (default 10), the bitnesses taking turns.
set -eu
work=$1 calls=$2
rounds=${INPROC_ROUNDS:-10}
top=$(pwd)
gen=$top/build/tools/wineclus-gen
floor=$top/build/tools/wineclus-floor
tool=$top/wineclus
WINESERVER=${WINESERVER:-$(sed -n 's/^WINESERVER *= *//p' Makefile)}
loader=$(sed -n 's/^WINELOADER *= *//p' Makefile)
wine=Wine-$("$loader" --version | sed 's/^wine-//; s/ .*//')
. "$top/tests/bits32.sh"

mkdir -p "$work"
# A store of the bench's own for the setup too: without it setup would add
# NODE1 to the user's default cluster.  Each series names its own store.
export WINEPREFIX="$work/prefix" WINECLUS_STORE="$work/setup-store" WINEDEBUG=-all
rm -rf "$WINEPREFIX" "$WINECLUS_STORE"
"$tool" setup --node NODE1 >"$work/setup.txt" 2>&1 || { cat "$work/setup.txt" >&2; exit 1; }
bits="64"
why=$(why32)
if [ -z "$why" ]; then bits="64 32"; else echo "32-bit: not measured ($why)"; fi

one() {   # DIR WHERE
    d=$1/wineclus-inproc.$$
    rm -rf "$d"
    mkdir -p "$d"
    "$gen" -q "$d/store" 50 200K
    # One folder for both: each bitness's backups replace the other's set
    # as their own, on the same directory and the same part of the disk
    # (ext4 places each new folder's inodes elsewhere, and on a file system
    # without a journal the cost of creating an inode there depends on how
    # many were deleted nearby within the last minutes).
    mkdir "$d/set"
    # The bitnesses take turns, a share of the calls each round: a disk's
    # pace drifts by half within minutes here, and one bitness measured
    # wholly after the other would carry the drift into the ratio.  Their
    # order flips every round (64 32, 32 64, ...): with a fixed order a
    # steady drift lands on the second one each round (docs/performance.md).
    r=0 order=$bits
    while [ "$r" -lt "$rounds" ]; do
        for b in $order; do
            sfx=$([ "$b" = 32 ] && echo 32 || true)
            WINECLUS_STORE="$d/store" WINECLUS_BACKUP_API=2003 \
                "$tool" run "$top/build/tests/inproc$sfx.exe" "Z:$(echo "$d/set" | tr / '\\')" \
                "$(( calls / rounds ))" >"$d/out" 2>"$d/err" ||
                { echo "bench: inproc$sfx.exe failed" >&2; cat "$d/out" "$d/err" >&2; exit 1; }
            "$WINESERVER" -k 2>/dev/null || true
            tr -d '\r' <"$d/out" | awk -v b="$b" '{ $1 = $1 " " b; print }' >>"$d/rounds"
        done
        order=$(echo $order | awk '{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? " " : "\n") }')
        r=$((r + 1))
    done
    # One line per call and bitness: the median of the rounds' medians, the
    # largest p99 and maximum, the first round's first call, and the CPU per
    # call over all rounds (the clock behind it ticks every 10 ms: a round's
    # own figure is too coarse).
    awk -v w="$2" -v v="$wine" '
        function field(name,   i) { for (i = 3; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2) }
        { k = $1 " " $2; if (!(k in n)) order[m++] = k
          if (field("cpu_us") != "") { cpu[k] += field("cpu_us") * field("calls"); cpucalls[k] += field("calls") }
          med[k, n[k]++] = field("median_us") + 0; calls[k] += field("calls")
          if (field("p99_us") + 0 > p99[k]) p99[k] = field("p99_us") + 0
          if (field("max_us") + 0 > mx[k]) mx[k] = field("max_us") + 0
          if (!(k in first)) first[k] = field("first_us") + 0 }
        END { for (i = 0; i < m; i++) { k = order[i]; c = n[k]
                  for (a = 0; a < c; a++) for (b = a + 1; b < c; b++) if (med[k, b] < med[k, a]) { t = med[k, a]; med[k, a] = med[k, b]; med[k, b] = t }
                  mid = c % 2 ? med[k, (c - 1) / 2] : (med[k, c / 2 - 1] + med[k, c / 2]) / 2
                  split(k, kb, " ")
                  printf "%s %s %s %s calls=%d median_us=%.1f p99_us=%.1f max_us=%.1f first_us=%.1f", kb[1], w, kb[2], v, calls[k], mid, p99[k], mx[k], first[k]
                  if (cpucalls[k]) printf " cpu_us=%.1f", cpu[k] / cpucalls[k]
                  printf "\n" } }' \
        "$d/rounds" >>"$work/inproc.txt"
    # The file system's share: the same set copied, synced and swapped as
    # often, with nothing else.
    mkdir "$d/floor"
    "$floor" "$d/set" "$d/floor" "$calls" | awk -v w="$2" '{ $1 = $1 " " w " - -"; print }' >>"$work/inproc.txt"
    rm -rf "$d"
}

one "$work" disk
# The same in memory: what the code costs when creating files is cheap.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then one /dev/shm tmpfs; fi
rm -rf "$WINEPREFIX" "$WINECLUS_STORE"
