#!/bin/sh
# make bench: backup and restore of synthetic clusters against `cp -a` of the
# same bytes, and the in-process cost of BackupClusterDatabase and
# OpenCluster under Wine, 64- and 32-bit (tools/bench/inproc.sh), and the
# latency and count of notifications across processes (tools/bench/notify.sh).
# Rewrites the generated part of docs/performance.md
# and docs/performance.png; the last line is "backup_vs_cp_ratio=R" for the
# largest case.  Everything happens under $BENCH_DIR (build/bench), one case
# at a time, all removed at the end.
#
#   BENCH_CASES  "RESOURCES:BYTES ..." (default "10:1M 1000:100M 10000:1G")
#   BENCH_RUNS   timed runs of each operation per case, median kept (5)
#   BENCH_CALLS  in-process calls of each API (1000); 0 skips Wine
#   BENCH_REGKEYS  counts of cluster registry keys under one key, each a
#                store backed up and restored (tools/bench/regkeys.sh;
#                default "1000 20000"); empty skips it
#   BENCH_ETCD_BIG  "RESOURCES:BYTES" of the cluster whose contents go into and
#                out of etcd (10000:1G); empty skips it
#   WINECLUS_MATRIX_ROOT  the Debian 13 chroot for the 32-bit column where this
#                Wine has none (build/matrix/trixie)
set -eu
top=$(pwd)
work=${BENCH_DIR:-$top/build/bench}
cases=${BENCH_CASES:-"10:1M 1000:100M 10000:1G"}
runs=${BENCH_RUNS:-5}
calls=${BENCH_CALLS:-1000}
gen=$top/build/tools/wineclus-gen
floor=$top/build/tools/wineclus-floor
tool=$top/wineclus
inproc=$top/build/tests/inproc.exe
doc=$top/docs/performance.md
TIME=/usr/bin/time

need() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "bench: $1 is missing: apt-get install -y $2" >&2
    exit 1
}
need "$TIME" time
need gnuplot gnuplot-nox

# Nanoseconds since the epoch; differences of two are wall time.
now() { date +%s%N; }

# timed OUT CMD...: CMD with its output dropped; appends "SECONDS MAXRSS_KB"
# to OUT.  The wall clock is ours: /usr/bin/time rounds to 10 ms.
timed() {
    out=$1; shift
    t0=$(now)
    "$TIME" -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err" || {
        echo "bench: failed: $*" >&2; cat "$work/err" >&2; exit 1; }
    t1=$(now)
    echo "$(( (t1 - t0) / 1000 )) $(tail -n 1 "$work/rss")" | awk '{ printf "%.6f %d\n", $1 / 1e6, $2 }' >>"$out"
}

# median FILE COLUMN
median() {
    awk -v c="$2" '{ print $c }' "$1" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Each timed step starts with nothing dirty, so no step pays for the
# write-back of the one before.
settle() { sync; }

one_case() {
    n=$1 size=$2
    d=$work/case-$n
    rm -rf "$d"
    # The store, two reference sets, and a backup and a copy per run.
    want=$(( $(numfmt --from=iec "$size") * (2 * runs + 5) / 1048576 ))
    have=$(( $(df -k --output=avail "$work" | tail -n 1) / 1024 ))
    if [ "$have" -lt "$want" ]; then
        echo "bench: $n:$size needs about $want MB free under $work, there are $have MB" >&2
        exit 1
    fi
    mkdir -p "$d/ref" "$d/other"
    # A second cluster of the same shape, other GUIDs and other contents:
    # restoring its set changes every checkpoint's contents.
    "$gen" -q --seed 2 "$d/store2" "$n" "$size"
    WINECLUS_STORE="$d/store2" "$tool" backup "$d/other" >/dev/null
    export WINECLUS_STORE="$d/store"
    : >"$d/gen"
    timed "$d/gen" "$gen" -q "$d/store" "$n" "$size"
    # The reference set: what restore reads and cp -a copies.
    "$tool" backup "$d/ref" >/dev/null
    ckpt=$(numfmt --from=iec "$size")
    setbytes=$(du -sb --apparent-size "$d/ref" | cut -f1)
    : >"$d/backup"; : >"$d/cp"; : >"$d/cpsync"; : >"$d/restore"; : >"$d/same"
    # Nothing is deleted until the bench is over: on ext4 without a journal
    # (this machine's) every new inode is first checked against those freed
    # in the last minutes, so deleting between runs would make each run
    # slower than the one before, backup and cp -a alike (and the restore,
    # which recycles its files, less).
    r=1
    while [ "$r" -le "$runs" ]; do
        settle
        mkdir "$d/set$r"
        timed "$d/backup" "$tool" backup "$d/set$r"
        settle
        timed "$d/cp" cp -a "$d/ref" "$d/copy$r"
        # The same copy made durable: the floor for a backup that must be on disk.
        t0=$(now); sync; t1=$(now)
        tail -n 1 "$d/cp" | awk -v s="$(( (t1 - t0) / 1000 ))" '{ printf "%.6f %d\n", $1 + s / 1e6, $2 }' >>"$d/cpsync"
        # Restore the other cluster's set (every content changes), then
        # ours back (every content changes again); both timed.  Then ours
        # once more: the store already holds every content of the set.
        settle
        timed "$d/restore" "$tool" restore "$d/other" --force --as-cluster
        settle
        timed "$d/restore" "$tool" restore "$d/ref" --force --as-cluster
        settle
        timed "$d/same" "$tool" restore "$d/ref" --force
        r=$((r + 1))
    done
    # Ratios are taken per round (backup and cp -a a moment apart), then
    # the median: the file system's speed drifts between rounds.
    paste -d ' ' "$d/backup" "$d/cp" "$d/cpsync" | awk '{ print $1 / $3, $1 / $5 }' >"$d/ratio"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$ckpt" "$setbytes" "$(median "$d/gen" 1)" \
        "$(median "$d/backup" 1)" "$(median "$d/backup" 2)" "$(median "$d/cp" 1)" "$(median "$d/cpsync" 1)" \
        "$(median "$d/restore" 1)" "$(median "$d/restore" 2)" "$(median "$d/cp" 2)" "$(median "$d/same" 1)" \
        "$(median "$d/ratio" 1)" "$(median "$d/ratio" 2)" >>"$work/results.tsv"
    unset WINECLUS_STORE
}

# The in-process figures (tools/bench/inproc.sh), 64- and 32-bit.  Where
# this Wine runs no 32-bit program but the test matrix's Debian 13 chroot is
# there (made by make check-matrix), both columns are measured there too, on
# its one Wine, so their ratio compares the bitnesses and nothing else.
matrix_root=${WINECLUS_MATRIX_ROOT:-$top/build/matrix/trixie}
inproc() {
    tools/bench/inproc.sh "$work" "$calls" | tee "$work/inproc.note" >&2
    grep -q '^32-bit: not measured' "$work/inproc.note" || return 0
    if [ ! -f "$matrix_root/.wineclus-packages" ]; then
        echo "32-bit: not measured (nor in a Debian 13 chroot: none in $matrix_root; make check-matrix makes one)" |
            tee -a "$work/inproc.note" >&2
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "32-bit: not measured (nor in the Debian 13 chroot in $matrix_root: that needs root)" |
            tee -a "$work/inproc.note" >&2
        return 0
    fi
    echo "bench: in-process again, 64- and 32-bit, in the Debian 13 chroot ($matrix_root)" |
        tee -a "$work/inproc.note" >&2
    export WINECLUS_MATRIX_ROOT="$matrix_root"
    copy=/root/wineclus-bench
    tests/matrix/chroot.sh copy "$copy"
    tests/matrix/chroot.sh exec sh -c "cd $copy && ./quickstart build && make -j$(nproc) -s \
        build/tools/wineclus-gen build/tools/wineclus-floor build/tests/inproc.exe build/tests/inproc32.exe &&
        tools/bench/inproc.sh $copy/build/bench $calls" >"$work/chroot.txt" 2>&1 || {
        echo "bench: failed in the chroot:" >&2; tail -n 20 "$work/chroot.txt" >&2; exit 1; }
    grep '^32-bit: not measured' "$work/chroot.txt" | sed 's/^/chroot: /' | tee -a "$work/inproc.note" >&2
    cat "$matrix_root$copy/build/bench/inproc.txt" >>"$work/inproc.txt"
    rm -rf --one-file-system "${matrix_root:?}$copy"
}

# ratios FIELD: "WINE WHERE RATIO" for each Wine and place with both
# bitnesses, the 32-bit FIELD (median_us, cpu_us) of BackupClusterDatabase
# over the 64-bit one.
ratios() {
    awk -v f="$1" '$1 == "BackupClusterDatabase" { for (i = 5; i <= NF; i++) { split($i, a, "="); if (a[1] == f) t[$4 " " $2, $3] = a[2] }
                                                  if (!(($4 " " $2) in s)) { s[$4 " " $2] = 1; o[n++] = $4 " " $2 } }
         END { for (i = 0; i < n; i++) if ((o[i], 32) in t && t[o[i], 64] > 0) printf "%s %.2f\n", o[i], t[o[i], 32] / t[o[i], 64] }' "$work/inproc.txt"
}

table() {
    echo "Generated by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores,"
    echo "$(awk -F': *' '/model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r),"
    echo "$(df -T "$work" | awk 'NR == 2 { print $2 }') on $(df "$work" | awk 'NR == 2 { print $1 }');"
    echo "medians of $runs runs (restore: $((2 * runs)), every checkpoint's contents changing); the two ratios to"
    echo "backup are medians of each round's ratio; times in seconds, throughput in MB/s (10^6 bytes) of the backup set,"
    echo "RSS in MB.  \"restore, same\": the store already holds the set's contents."
    echo
    echo "| resources | checkpoint data | set size | backup s | cp -a s | cp -a + sync s | backup / cp -a | backup / cp+sync | backup MB/s | cp -a MB/s | restore s | restore / cp -a | restore, same s | backup RSS | restore RSS | cp RSS |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %d | %.1f MB | %.1f MB | %.3f | %.3f | %.3f | %.2f | %.2f | %.0f | %.0f | %.3f | %.2f | %.3f | %.1f | %.1f | %.1f |\n",
        $1, $2 / 1e6, $3 / 1e6, $5, $7, $8, $13, $14, $3 / 1e6 / $5, $3 / 1e6 / $7, $9, $9 / $7, $12,
        $6 / 1024, $10 / 1024, $11 / 1024 }' "$work/results.tsv"
    echo
    awk -F'\t' 'NR == 1 { b = $6; r = $10 } END { printf "Peak RSS growth from the smallest to the largest case: backup %+.1f MB, restore %+.1f MB.\n", ($6 - b) / 1024, ($10 - r) / 1024 }' "$work/results.tsv"
    echo
    if [ -s "$work/inproc.txt" ]; then
        echo "In-process, one Wine process, 50 resources with 4 KB registry checkpoints each, store and backup folder on the disk"
        echo "above or on tmpfs (/dev/shm); after a first call, which opens the store. \"floor\": the file system alone"
        echo "(tests/bench/floor.c, no Wine, no store): the same set written anew, one syncfs, renamed in place of the"
        echo "previous copy, which is removed; the first round, with nothing to remove, apart."
        sed 's/^bench: //; s/$/./' "$work/inproc.note"
        echo
        echo "\"CPU µs\": the process's CPU time (user and kernel, all its threads) per call, which other jobs on the"
        echo "machine do not inflate as they do the wall figures."
        echo
        echo "| call | on | bits | Wine | calls | median µs | p99 µs | max µs | first call µs | CPU µs |"
        echo "|---|---|---:|---|---:|---:|---:|---:|---:|---:|"
        awk '{ delete v; for (i = 5; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
               printf "| %s | %s | %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %s |\n", $1, $2, $3, $4, v["calls"], v["median_us"], v["p99_us"], v["max_us"], v["first_us"], ("cpu_us" in v) ? v["cpu_us"] : "-" }' "$work/inproc.txt"
        echo
        ratios median_us | awk '{ printf "BackupClusterDatabase, 32-bit median over 64-bit, %s on %s: %.2fx (goal: 1.2x at most).\n", $1, $2, $3 }'
        ratios cpu_us | awk '{ printf "BackupClusterDatabase, 32-bit CPU per call over 64-bit, %s on %s: %.2fx.\n", $1, $2, $3 }'
        echo
    fi
    if [ -s "$work/inproc_etcd.txt" ]; then
        echo "On etcd (tools/bench/inproc_etcd.sh, docs/etcd.md): the in-process cluster above kept twice, in a folder"
        echo "store and on one etcd member on loopback with its data on the same disk, rounds taking turns; then a"
        echo "large cluster's contents into etcd (a restore on host A), out of it (the first backup on host B, which"
        echo "fetches every contents) and a second backup on B (its own copies)."
        echo
        echo "| call | store | bits | Wine | calls | median µs | p99 µs |"
        echo "|---|---|---:|---|---:|---:|---:|"
        awk '$1 == "BackupClusterDatabase" { for (i = 5; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
               printf "| %s | %s | %s | %s | %d | %.1f | %.1f |\n", $1, $2, $3, $4, v["calls"], v["median_us"], v["p99_us"] }' "$work/inproc_etcd.txt"
        echo
        grep '^inproc_backup_etcd_vs_folder_ratio=' "$work/inproc_etcd.note" |
            sed 's/^inproc_backup_etcd_vs_folder_ratio=\([^ ]*\).*/BackupClusterDatabase on etcd over the folder store, medians: \1x (goal: 3x at most)./'
        awk '$1 == "etcd_big" { for (i = 2; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
               printf "\nLarge cluster on etcd, %d resources, a %s MB set: restore into etcd %.1f s (%d MB/s), first backup on another host %.1f s (%d MB/s), second %.1f s (%d MB/s).\n",
                   v["resources"], v["set_mb"], v["restore_in_s"], v["restore_in_mb_s"], v["first_backup_s"], v["first_backup_mb_s"], v["backup_s"], v["backup_mb_s"] }' "$work/inproc_etcd.txt"
        echo
    fi
    if [ -s "$work/regkeys.txt" ]; then
        echo "A cluster registry with many keys (tools/bench/regkeys.sh): 10 resources and N keys under one key, each"
        echo "with a value and a security descriptor; medians of $runs backups and restores (--force) of that store."
        echo
        echo "| keys | chk????.tmp bytes | backup s | restore s |"
        echo "|---:|---:|---:|---:|"
        awk '{ for (i = 2; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
               printf "| %d | %d | %.3f | %.3f |\n", v["N"], v["chk_bytes"], v["backup_s"], v["restore_s"] }' "$work/regkeys.txt"
        echo
    fi
    if [ -s "$work/notify.txt" ]; then
        echo "Notifications (tools/bench/notify.sh): a group renamed by one Wine process, GetClusterNotify returning in"
        echo "another; latency from just before the change's call to the return, changes 10 ms apart; then changes back"
        echo "to back, every one to arrive once."
        echo
        echo "| series | bits | figures |"
        echo "|---|---:|---|"
        awk '{ f = $3; for (i = 4; i <= NF; i++) f = f " " $i; printf "| %s | %s | %s |\n", $1, $2, f }' "$work/notify.txt"
        echo
    fi
    echo "![time against size](performance.png)"
}

plot() {
    awk -F'\t' '{ print $3 / 1e6, $5, $7, $8, $9 }' "$work/results.tsv" >"$work/plot.dat"
    gnuplot <<EOF
set terminal pngcairo size 900,600 noenhanced
set output "$top/docs/performance.png"
set title "wineclus backup and restore against cp -a of the same backup set (medians)"
set xlabel "backup set size (MB)"
set ylabel "wall time (s)"
set logscale xy
set key top left
set grid
plot "$work/plot.dat" using 1:2 with linespoints lw 2 title "wineclus backup", \
     "" using 1:3 with linespoints lw 2 title "cp -a", \
     "" using 1:4 with linespoints lw 2 dt 2 title "cp -a + sync", \
     "" using 1:5 with linespoints lw 2 title "wineclus restore"
EOF
}

# Replace what lies between the markers, keeping the hand-written analysis.
update_doc() {
    table >"$work/table.md"
    if ! grep -q '^<!-- bench:begin -->$' "$doc" 2>/dev/null; then
        printf '# Performance\n\n<!-- bench:begin -->\n<!-- bench:end -->\n' >>"$doc"
    fi
    awk -v t="$work/table.md" '
        /^<!-- bench:begin -->$/ { print; while ((getline l < t) > 0) print l; skip = 1; next }
        /^<!-- bench:end -->$/ { skip = 0 }
        !skip' "$doc" >"$work/doc.md"
    cat "$work/doc.md" >"$doc"
}

mkdir -p "$work"
: >"$work/results.tsv"
: >"$work/inproc.txt"
: >"$work/inproc.note"
: >"$work/notify.txt"
: >"$work/regkeys.txt"
start=$(now)
for c in $cases; do
    echo "bench: $c (resources:bytes)" >&2
    one_case "${c%%:*}" "${c#*:}"
done
regkeys=${BENCH_REGKEYS-"1000 20000"}
if [ -n "$regkeys" ]; then
    echo "bench: cluster registries of $regkeys keys" >&2
    tools/bench/regkeys.sh "$work" "$regkeys" "$runs" | tee "$work/regkeys.txt" >&2
fi
if [ "$calls" -gt 0 ]; then
    echo "bench: in-process, $calls calls each" >&2
    inproc
fi
if [ "$calls" -gt 0 ]; then
    echo "bench: in-process on a store on etcd beside a folder store" >&2
    : >"$work/inproc_etcd.txt"
    BENCH_ETCD_BIG=${BENCH_ETCD_BIG-10000:1G} tools/bench/inproc_etcd.sh "$work" "$calls" >"$work/inproc_etcd.note"
fi
if [ "$calls" -gt 0 ]; then
    echo "bench: notifications across processes" >&2
    tools/bench/notify.sh "$work" >"$work/notify.txt"
fi
rm -rf "$work"/case-*
update_doc
plot
cat "$work/table.md"
echo "bench: $(( ($(now) - start) / 1000000000 )) s in all" >&2
ratios median_us | awk '{ printf "inproc_backup_32_vs_64_ratio=%s (%s, %s)\n", $3, $1, $2 }'
grep -h '^inproc_backup_etcd_vs_folder_ratio=' "$work/inproc_etcd.note" 2>/dev/null || true
awk '$1 == "notify_latency" { for (i = 3; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
     printf "notify_latency_%s_median_ms=%.2f p99_ms=%.2f\n", $2, v["median_us"] / 1000, v["p99_us"] / 1000 }' "$work/notify.txt"
tail -n 1 "$work/results.tsv" | awk -F'\t' '{ printf "restore_vs_cp_ratio=%.2f\nbackup_vs_cp_sync_ratio=%.2f\nbackup_vs_cp_ratio=%.2f\n", $9 / $7, $14, $13 }'
