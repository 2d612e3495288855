#!/bin/bash
# The restart policy and failback with real Wine (issue 14), on lib.sh's two
# nodes: FAPP with RestartAction 2 (restart, then fail over) and
# RestartThreshold N, FG with AutoFailbackType 1 (ClusterGroupAllowFailback)
# preferring FO1 and a FailoverThreshold high enough for every round.  Each
# round, from FG online on FO1:
#  1. N times, kill -9 of the failapp process itself: FO1's service starts
#     it again in place (another process, in FO1's prefix, FG still FO1's);
#  2. once more: past RestartThreshold within RestartPeriod, FG fails over
#     and failapp runs in FO2's prefix;
#  3. FO1's service stopped, and 2 s later (FO2's service has seen FO1
#     down) started again: FO2's service fails FG back, failapp runs in
#     FO1's prefix.
# Throughout, failapp never runs in both prefixes at once (sampled every
# 50 ms); after each step exactly one failapp runs, where it should, within
# 15 s.
#
# Usage: tests/failover/policy.sh WORKDIR ROUNDS RESTARTS, from the build top.
# Prints one line per step, the figures (median and maximum) of the
# restarts, failovers and failbacks, then "N passed, N failed".
set -u
work=$1 rounds=$2 restarts=$3
LIMIT_MS=15000
. "$(dirname "$0")/lib.sh"

group_id=$("$tool" group show FG --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["group"]["id"])')
{
    "$tool" registry set "Resources\\$app" RestartAction dword 2 &&
        "$tool" registry set "Resources\\$app" RestartThreshold dword "$restarts" &&
        "$tool" registry set "Groups\\$group_id" PreferredOwners multi_sz 1 &&
        "$tool" registry set "Groups\\$group_id" AutoFailbackType dword 1 &&
        "$tool" registry set "Groups\\$group_id" FailoverThreshold dword 1000
} >"$work/policy.txt" 2>&1
check $? "the restart and failback policy set: $(tail -n 3 "$work/policy.txt")"
[ "$failed" -eq 0 ] || finish

# pid_in N: the pid of the failapp process in FO<N>'s prefix.
pid_in() { apps | sed -n "s| $work/p$1\$||p" | head -n 1; }
# restarted OLD-PID: FG online on FO1, failapp running in FO1's prefix, not OLD-PID.
restarted() { local p; p=$(pid_in 1); [ -n "$p" ] && [ "$p" != "$1" ] && on 1; }
# step WHAT N MS: checks MS against the limit and that exactly one failapp runs, in FO<N>'s prefix.
step() {
    local live
    check $(($3 >= LIMIT_MS)) "$1: within 15 s ($3 ms)"
    live=$(only_in "$2")
    check $? "$1: exactly one failapp, in FO$2's prefix: $live"
    echo "$1 in $3 ms"
}

restart_ms= failover_ms= failback_ms=
for r in $(seq "$rounds"); do
    sample_start
    for k in $(seq "$restarts"); do
        victim=$(pid_in 1)
        kill -9 "$victim"
        ms=$(wait_ms $LIMIT_MS restarted "$victim")
        step "round $r: kill -9 $k of failapp (pid $victim): restarted on FO1" 1 "$ms"
        restart_ms="$restart_ms $ms"
    done
    victim=$(pid_in 1)
    rm -f "$work/p2/drive_c/failapp.txt"
    kill -9 "$victim"
    ms=$(wait_ms $LIMIT_MS on 2)
    step "round $r: kill -9 $((restarts + 1)) of failapp (pid $victim): FG fails over to FO2" 2 "$ms"
    failover_ms="$failover_ms $ms"
    "$tool" node stop FO1 >"$work/stop.txt" 2>&1
    check $? "round $r: FO1's service stops: $(cat "$work/stop.txt")"
    # FO2's service sees a node come back only if one run of its work (once
    # a second) found it down.
    sleep 2
    rm -f "$work/p1/drive_c/failapp.txt"
    t0=$(now_ms)
    "$tool" node start --prefix "$work/p1" >"$work/start.txt" 2>&1
    check $? "round $r: FO1's service starts again: $(cat "$work/start.txt")"
    wait_ms $LIMIT_MS on 1 >/dev/null
    ms=$(($(now_ms) - t0))
    step "round $r: FO1 back: FG fails back to FO1" 1 "$ms"
    failback_ms="$failback_ms $ms"
    sleep 0.5
    sample_stop "round $r"
    [ "$failed" -eq 0 ] || break
done
figures restart $restart_ms
figures failover_after_failure $failover_ms
figures failback $failback_ms
finish
