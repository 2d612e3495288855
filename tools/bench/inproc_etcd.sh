#!/bin/sh
# BackupClusterDatabase in process (tests/bench/inproc.c under Wine, 64-bit)
# on one cluster kept twice: in a folder store and on etcd (one member on
# loopback, its data on the same disk, started here), rounds taking turns;
# then, with BENCH_ETCD_BIG set (make bench sets it), the throughput of a
# large cluster's contents into and out of etcd.  From a built tree's top:
#   tools/bench/inproc_etcd.sh WORK CALLS
# Appends "BackupClusterDatabase folder|etcd 64 WINE calls=.. median_us=.."
# lines to WORK/inproc_etcd.txt, prints the ratio of the medians, and
# "etcd_big ..." lines for the large case.
set -eu
work=$1 calls=$2
rounds=${INPROC_ROUNDS:-5}
top=$(pwd)
tool=$top/wineclus
gen=$top/build/tools/wineclus-gen
WINESERVER=${WINESERVER:-$(sed -n 's/^WINESERVER *= *//p' Makefile)}
loader=$(sed -n 's/^WINELOADER *= *//p' Makefile)
wine=Wine-$("$loader" --version | sed 's/^wine-//; s/ .*//')
. "$top/tests/etcd/server.sh"
d=$work/inproc-etcd.$$
rm -rf "$d"; mkdir -p "$d"
trap 'etcd_stop; "$WINESERVER" -k 2>/dev/null || true; rm -rf "$d"' EXIT
ETCD_ARGS="--quota-backend-bytes 8589934592" etcd_start "$d/etcd"
url=etcd://127.0.0.1:$ETCD_PORT/BENCH
export WINEPREFIX="$d/prefix" WINEDEBUG=-all WINECLUS_ETCD_REPLICA="$d/replica"

# The cluster of the in-process bench (50 resources, 200 KB of registry
# contents each) made in a folder, then restored onto etcd as that cluster.
WINECLUS_STORE=$d/folder "$gen" -q "$d/folder" 50 10M
mkdir "$d/set0"
WINECLUS_STORE=$d/folder "$tool" backup "$d/set0" >/dev/null
node=$(WINECLUS_STORE=$d/folder "$tool" node list --json | sed -n 's/.*"name": "\([^"]*\)".*/\1/p' | head -n 1)
WINECLUS_STORE=$url "$tool" init --name BENCH --node "$node" >/dev/null
WINECLUS_STORE=$url "$tool" restore "$d/set0" --as-cluster --force >/dev/null
WINECLUS_STORE=$d/setup-store "$tool" setup --node "$node" >"$d/setup.txt" 2>&1 || { cat "$d/setup.txt" >&2; exit 1; }

r=0
while [ "$r" -lt "$rounds" ]; do
    for where in folder etcd; do
        store=$([ $where = etcd ] && echo "$url" || echo "$d/folder")
        rm -rf "$d/set"; mkdir "$d/set"
        WINECLUS_STORE=$store WINECLUS_BACKUP_API=2003 "$tool" run "$top/build/tests/inproc.exe" \
            "Z:$(echo "$d/set" | tr / '\\')" "$(( calls / rounds ))" >"$d/out" 2>"$d/err" ||
            { echo "bench: inproc.exe failed on $where" >&2; cat "$d/out" "$d/err" >&2; exit 1; }
        "$WINESERVER" -k 2>/dev/null || true
        tr -d '\r' <"$d/out" | awk -v w="$where" '$1 == "BackupClusterDatabase" { $1 = $1 " " w; print }' >>"$d/rounds"
    done
    r=$((r + 1))
done
# Per place: the median of the rounds' medians, the largest p99.
awk -v v="$wine" '
    function field(name,   i) { for (i = 3; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2) }
    { k = $2; if (!(k in n)) order[m++] = k; med[k, n[k]++] = field("median_us") + 0; calls[k] += field("calls")
      if (field("p99_us") + 0 > p99[k]) p99[k] = field("p99_us") + 0 }
    END { for (i = 0; i < m; i++) { k = order[i]; c = n[k]
              for (a = 0; a < c; a++) for (b = a + 1; b < c; b++) if (med[k, b] < med[k, a]) { t = med[k, a]; med[k, a] = med[k, b]; med[k, b] = t }
              printf "BackupClusterDatabase %s 64 %s calls=%d median_us=%.1f p99_us=%.1f\n", k, v, calls[k],
                  c % 2 ? med[k, (c - 1) / 2] : (med[k, c / 2 - 1] + med[k, c / 2]) / 2, p99[k] } }' "$d/rounds" |
    tee -a "$work/inproc_etcd.txt"
awk '{ split($6, m, "="); t[$2] = m[2] } END { if (t["folder"] > 0) printf "inproc_backup_etcd_vs_folder_ratio=%.2f (goal: 3 at most)\n", t["etcd"] / t["folder"] }' \
    "$work/inproc_etcd.txt"

[ -n "${BENCH_ETCD_BIG:-}" ] || exit 0
# A large cluster: its contents go into etcd with the restore on host A,
# come out of it with the first backup on host B, and the second backup on
# B reads its own copies.  Throughput in MB/s (10^6 bytes) of the contents.
big=${BENCH_ETCD_BIG}
res=$(echo "$big" | cut -d: -f1) bytes=$(echo "$big" | cut -d: -f2)
rm -rf "$d/folder" "$d/set0" "$d/replica"
WINECLUS_STORE=$d/big "$gen" -q "$d/big" "$res" "$bytes"
mkdir "$d/bigset"
WINECLUS_STORE=$d/big "$tool" backup "$d/bigset" >/dev/null
mb=$(du -sb "$d/bigset" | awk '{ printf "%.1f", $1 / 1e6 }')
node=$(WINECLUS_STORE=$d/big "$tool" node list --json | sed -n 's/.*"name": "\([^"]*\)".*/\1/p' | head -n 1)
rm -rf "$d/big"
now() { date +%s%N; }
export WINECLUS_STORE=etcd://127.0.0.1:$ETCD_PORT/BIG WINECLUS_ETCD_REPLICA=$d/hostA
"$tool" init --name BIG --node "$node" >/dev/null
t0=$(now); "$tool" restore "$d/bigset" --as-cluster --force >/dev/null; t1=$(now)
export WINECLUS_ETCD_REPLICA=$d/hostB
mkdir "$d/b1" "$d/b2"
t2=$(now); "$tool" backup "$d/b1" >/dev/null; t3=$(now)
"$tool" backup "$d/b2" >/dev/null; t4=$(now)
awk -v mb="$mb" -v r="$res" -v a="$t0" -v b="$t1" -v c="$t2" -v e="$t3" -v f="$t4" 'BEGIN {
    printf "etcd_big resources=%d set_mb=%s restore_in_s=%.2f restore_in_mb_s=%.0f first_backup_s=%.2f first_backup_mb_s=%.0f backup_s=%.2f backup_mb_s=%.0f\n",
        r, mb, (b - a) / 1e9, mb / ((b - a) / 1e9), (e - c) / 1e9, mb / ((e - c) / 1e9), (f - e) / 1e9, mb / ((f - e) / 1e9) }' |
    tee -a "$work/inproc_etcd.txt"
