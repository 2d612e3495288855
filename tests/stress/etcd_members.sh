#!/bin/bash
# kill -9 of etcd members, the leader included, while hosts back the cluster
# up and restore it (issue 16): a three-member etcd cluster on loopback
# addresses, hosts that are replica folders of one cluster on it, and a
# killer that takes one member down at a time and brings it back.  Each
# backup and each restore must either complete whole or fail with a clear
# error (exit status 1 and "error N" on stderr, never a signal or a hang);
# a failed backup leaves no set that looks complete (no Clusbackup.dat); the
# cluster is always one of the restored sets whole, never a mix; at the end
# every host and a new one see the same cluster.
#
#   tests/stress/etcd_members.sh TOOL WORK [BACKUPS [RESTORES]]
# Prints a line per failed check, figures, then "N passed, N failed".
set -u
tool=$1 work=$2 backups=${3:-100} restores=${4:-100}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/etcd/server.sh"
. "$here/etcd/members.sh"

passed=0 failed=0
ok() { passed=$((passed + 1)); }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }
killer=
cleanup() { [ -n "$killer" ] && { kill "$killer" 2>/dev/null; wait "$killer" 2>/dev/null; }; members_stop; }
trap cleanup EXIT

rm -rf "$work"; mkdir -p "$work"
if ! members_start "$work/etcd" 3 2>"$work/start.err"; then
    not_ok "three etcd members: $(cat "$work/start.err")"
    echo "$passed passed, $failed failed"; exit 1
fi
export WINECLUS_STORE="etcd://$MEMBERS_URL/STRESS"
on() { export WINECLUS_ETCD_REPLICA=$work/host$1; }
# t ARGS: the tool, stopped after 60 s (a hang is a failure), output in
# $work/out and $work/err, status in rc.
t() { timeout 60 "$tool" "$@" >"$work/out" 2>"$work/err"; rc=$?; }
# A failure must be an exit status 1 with an error code said.
clear_failure() {
    [ "$rc" = 1 ] && grep -qE "error [0-9]+" "$work/err" || return 1
    echo "$1: $(tail -n 1 "$work/err")" >>"$work/failures"
}
groups() { t group list --json && python3 -c 'import json, sys
print(" ".join(sorted(g["name"] for g in json.load(open(sys.argv[1]))["groups"])))' "$work/out"; }
# read_groups: have = the groups, got = 0, trying 5 times a second apart
# (a read may fail while a member is down); got = 1 when none worked.
read_groups() {
    local try
    for try in 1 2 3 4 5; do have=$(groups) && { got=0; return; }; sleep 1; done
    got=1
}

on A
t init --name STRESS --node N1 --node N2 || { not_ok "init: $(cat "$work/err")"; echo "$passed passed, $failed failed"; exit 1; }
# Two sets that differ: set A with groups A1..A5, set B with B1..B3.
for g in A1 A2 A3 A4 A5; do t group add "$g" || not_ok "group add $g: $(cat "$work/err")"; done
mkdir "$work/setA"; t backup "$work/setA" || not_ok "backup of set A: $(cat "$work/err")"
want_A=$(groups)
for g in A1 A2 A3 A4 A5; do t group remove "$g" || not_ok "group remove $g"; done
for g in B1 B2 B3; do t group add "$g" || not_ok "group add $g"; done
mkdir "$work/setB"; t backup "$work/setB" || not_ok "backup of set B: $(cat "$work/err")"
want_B=$(groups)

# The killer: every 0.5-1.5 s one member is killed, the leader every second
# time, and brought back 0.5-1.5 s later.  It logs what it killed.
(
    trap 'exit 0' TERM
    n=0
    while :; do
        sleep "0.$((RANDOM % 10 + 5))"
        if [ $((n % 2)) = 0 ]; then i=$(member_leader); else i=$((RANDOM % 3 + 1)); fi
        [ -n "$i" ] || continue
        member_kill "$i"; echo "killed m$i$([ $((n % 2)) = 0 ] && echo ' (leader)')" >>"$work/kills"
        sleep "0.$((RANDOM % 10 + 5))"
        member_restart "$i"
        n=$((n + 1))
    done
) &
killer=$!

hosts="A B C"
done_b=0 fail_b=0 done_r=0 fail_r=0 t0=$(date +%s)
for i in $(seq "$backups"); do
    on "$(echo $hosts | cut -d' ' -f$((i % 3 + 1)))"
    set=$work/b$i; mkdir "$set"
    t backup "$set"
    if [ "$rc" = 0 ]; then
        done_b=$((done_b + 1))
        if timeout 60 "$tool" verify "$set" >"$work/vout" 2>&1; then ok; else not_ok "backup $i completed but its set does not verify: $(tail -n 2 "$work/vout")"; fi
    elif clear_failure backup; then
        fail_b=$((fail_b + 1)); ok
        if [ -e "$set/Clusbackup.dat" ]; then not_ok "backup $i failed but left a marker: $(cat "$work/err")"; else ok; fi
    else
        not_ok "backup $i: exit $rc without a clear error: $(tail -n 2 "$work/err")"
    fi
    rm -rf "$set"
done
t1=$(date +%s)
for i in $(seq "$restores"); do
    on "$(echo $hosts | cut -d' ' -f$((i % 3 + 1)))"
    if [ $((i % 2)) = 0 ]; then set=A want=$want_A; else set=B want=$want_B; fi
    t restore "$work/set$set" --force
    restored=$rc
    if [ "$rc" = 0 ]; then done_r=$((done_r + 1)); ok
    elif clear_failure restore; then fail_r=$((fail_r + 1)); ok
    else not_ok "restore $i of set $set: exit $rc without a clear error: $(tail -n 2 "$work/err")"; continue; fi
    # Whole or nothing: a restore that completed leaves its set's groups, one
    # that failed the one or the other set's, never a mix.
    read_groups
    if [ "$got" != 0 ]; then not_ok "restore $i: the cluster could not be read after 5 tries: $(tail -n 1 "$work/err")"
    elif [ "$restored" = 0 ] && [ "$have" != "$want" ]; then not_ok "restore $i of set $set completed, the groups are: $have"
    elif [ "$have" = "$want_A" ] || [ "$have" = "$want_B" ]; then ok
    else not_ok "restore $i of set $set failed and left groups of neither set: $have"; fi
done
t2=$(date +%s)
kill "$killer" 2>/dev/null; wait "$killer" 2>/dev/null; killer=
# Every member back, every host and a new one see the same cluster.
for m in 1 2 3; do [ -n "$(member_pid $m)" ] || member_restart "$m"; done
for try in $(seq 100); do [ -n "$(member_leader)" ] && break; sleep 0.1; done
ref=
for h in A B C D; do
    on $h
    read_groups
    if [ "$got" != 0 ]; then not_ok "host $h cannot read the cluster at the end: $(cat "$work/err")"; continue; fi
    [ -n "$ref" ] || ref=$have
    if [ "$have" = "$ref" ]; then ok; else not_ok "host $h sees '$have', host A '$ref'"; fi
done
if [ "$ref" = "$want_A" ] || [ "$ref" = "$want_B" ]; then ok; else not_ok "the cluster at the end is neither set: $ref"; fi

# What the clear failures said, each message once (ids and numbers blurred).
[ -f "$work/failures" ] && sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g; s/[0-9]+ ms/N ms/g' "$work/failures" | sort | uniq -c | sed 's/^/said: /'
echo "figure etcd_kills $(wc -l <"$work/kills" 2>/dev/null || echo 0)"
echo "figure etcd_backups_whole $done_b"
echo "figure etcd_backups_failed_clearly $fail_b"
echo "figure etcd_restores_whole $done_r"
echo "figure etcd_restores_failed_clearly $fail_r"
echo "figure etcd_backup_loop_s $((t1 - t0))"
echo "figure etcd_restore_loop_s $((t2 - t1))"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
