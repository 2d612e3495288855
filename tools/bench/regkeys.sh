#!/bin/sh
# The part of make bench for a cluster registry with many keys: a store of
# 10 resources and N keys under one key, each with a value and a security
# descriptor (wineclus-gen --registry-keys), backed up and restored in
# turn; per N, one line "regkeys N=.. chk_bytes=.. backup_s=.. restore_s=.."
# (medians of RUNS).  Before the keys went into the hive in bulk
# (docs/backup-format.md), 20 000 of them took 41 s and made a 1.6 GB
# chk????.tmp that restore refused.
#   tools/bench/regkeys.sh WORK "N ..." RUNS
set -eu
work=$1 counts=$2 runs=$3
top=$(pwd)
gen=$top/build/tools/wineclus-gen
tool=$top/wineclus

now() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for n in $counts; do
    d=$work/regkeys-$n
    rm -rf "$d"
    mkdir -p "$d"
    "$gen" -q --registry-keys "$n" "$d/store" 10 0
    export WINECLUS_STORE="$d/store"
    : >"$d/backup"; : >"$d/restore"
    r=1
    while [ "$r" -le "$runs" ]; do
        mkdir "$d/set$r"
        sync
        t0=$(now); "$tool" backup "$d/set$r" >/dev/null; t1=$(now)
        echo "$(( (t1 - t0) / 1000 ))" | awk '{ print $1 / 1e6 }' >>"$d/backup"
        sync
        t0=$(now); "$tool" restore "$d/set$r" --force >/dev/null; t1=$(now)
        echo "$(( (t1 - t0) / 1000 ))" | awk '{ print $1 / 1e6 }' >>"$d/restore"
        r=$((r + 1))
    done
    chk=$(find "$d/set1" -maxdepth 1 -name 'chk*.tmp' -printf '%s\n')
    echo "regkeys N=$n chk_bytes=$chk backup_s=$(median <"$d/backup") restore_s=$(median <"$d/restore")"
    unset WINECLUS_STORE
    rm -rf --one-file-system "$d"
done
