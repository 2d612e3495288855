#!/bin/bash
# Failover with real Wine (issue 14, "Done when"), on lib.sh's two nodes.
# Each round kills the owner's service with kill -9 and measures how long
# until the group is online on the other node with failapp running in that
# node's prefix (it writes C:\failapp.txt there, naming the node); then the
# killed service is started again, so the next round kills the other node.
# Each round also checks: within 15 s; the application never runs in both
# prefixes at once (sampled every 50 ms through the move); afterwards exactly
# one process, in the new owner's prefix; nothing lost (the store's dump
# without states, owners, log, networks and interfaces, and the checkpoint
# contents, the same as before the round).
#
# Usage: tests/failover/run.sh WORKDIR ROUNDS, from the build top.
# Prints one line per round, "figure failover_median_ms N",
# "figure failover_max_ms N", then "N passed, N failed".
set -u
work=$1 rounds=$2
LIMIT_MS=15000
. "$(dirname "$0")/lib.sh"

# snapshot FILE: the dump minus what a failover may change (states, owners,
# the log and its sequence) and the networks and interfaces (taken from each
# node's host when a program of its prefix first opens the cluster, as the
# checkpoint helper does when the application first starts there), then a
# digest of every checkpoint's contents.
snapshot() {
    local set=$work/set.$$
    rm -rf "$set" && mkdir -p "$set" && "$tool" backup "$set" >/dev/null 2>&1 || { echo "backup failed" >"$1"; return; }
    awk -F '\t' -v OFS='\t' '
        $1 == "cluster" { NF -= 2; print; next }
        $1 == "node" || $1 == "group" { NF -= 1; if ($1 == "group") NF -= 1; print; next }
        $1 == "resource" { NF -= 2; print; next }
        $1 == "log" || $1 == "logcheckpoint" || $1 == "end" || $1 == "WINECLUS-DUMP" { next }
        $1 == "network" || $1 == "netif" { next }
        { print }' "$set"/chk*.tmp >"$1"
    (cd "$set" && find . -name '*.CPT' | sort | xargs -r md5sum) >>"$1"
    rm -rf "$set"
}

times=
owner=1
for r in $(seq "$rounds"); do
    other=$((3 - owner))
    snapshot "$work/before"
    rm -f "$work/p$other/drive_c/failapp.txt"
    victim=$(service_pid $owner)
    sample_start
    kill -9 "$victim"
    ms=$(wait_ms $LIMIT_MS on $other)
    sample_stop "round $r"
    check $((ms >= LIMIT_MS)) "round $r: kill -9 of FO$owner's service (pid $victim): FG online on FO$other, failapp in its prefix, within 15 s (${ms} ms)"
    live=$(only_in $other)
    check $? "round $r: exactly one failapp, in FO$other's prefix: $live"
    "$tool" node start --prefix "$work/p$owner" >"$work/restart.txt" 2>&1
    check $? "round $r: FO$owner's service starts again: $(cat "$work/restart.txt")"
    snapshot "$work/after"
    cmp -s "$work/before" "$work/after"
    check $? "round $r: nothing lost: $(diff "$work/before" "$work/after" | head -n 6 | tr '\n' ';')"
    echo "round $r: FO$owner -> FO$other in $ms ms"
    times="$times $ms"
    owner=$other
    [ "$failed" -eq 0 ] || break
done
figures failover $times
finish
