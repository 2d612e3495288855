#!/bin/bash
# An ordinary change's latency (tests/bench/change.c) on a folder store and
# on a store on etcd (one member on loopback, started here), side by side:
# median and p99 of ROUNDS group creations, and of a read after each.
#
#   tools/bench/etcd.sh [ROUNDS]      (make bench-etcd; default 300)
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-300}
. tests/etcd/server.sh
work=$(mktemp -d)
trap 'etcd_stop; rm -rf "$work"' EXIT
etcd_start "$work/etcd"

line() {   # LABEL: the program's two lines, in ms
    awk -v label="$1" '{ split($3, m, "="); split($4, p, "=");
        printf "%-8s %-7s median %7.2f ms   p99 %7.2f ms\n", label, $1, m[2] / 1000, p[2] / 1000 }'
}
echo "ordinary change (group create) and read, $rounds rounds each:"
build/tools/wineclus-change "$work/sqlite" "$rounds" | line sqlite
WINECLUS_ETCD_REPLICA=$work/replica build/tools/wineclus-change "etcd://127.0.0.1:$ETCD_PORT/BENCH" "$rounds" | line etcd
