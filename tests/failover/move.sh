#!/bin/bash
# Manual moves with real Wine (issue 14: "no group online on two nodes at
# once"), on lib.sh's two nodes, FAPP without its checkpoint.  Each round
# moves FG to the other node with `wineclus group move` (MoveClusterGroup's
# store change) and measures how long until it is online there with failapp
# running in that node's prefix.
# Checks per round: within 10 s; failapp never runs in both prefixes at once
# (sampled every 50 ms from the move until the check); afterwards exactly
# one failapp, in the new owner's prefix.
#
# Usage: tests/failover/move.sh WORKDIR ROUNDS, from the build top.
# Prints one line per round, "figure move_median_ms N", "figure
# move_max_ms N", then "N passed, N failed".
set -u
work=$1 rounds=$2
LIMIT_MS=10000
. "$(dirname "$0")/lib.sh"
# Without its checkpoint, whose helper's Wine start-up would delay the new
# process and hide the old one's lingering: the hand-over alone is measured.
"$tool" checkpoint remove FAPP 'SOFTWARE\WineclusFailover' >"$work/ckpt.txt" 2>&1
check $? "FAPP's checkpoint removed: $(cat "$work/ckpt.txt")"

times=
owner=1
for r in $(seq "$rounds"); do
    other=$((3 - owner))
    rm -f "$work/p$other/drive_c/failapp.txt"
    sample_start
    t0=$(now_ms)
    "$tool" group move FG --to "FO$other" >"$work/move.txt" 2>&1
    check $? "round $r: group move FG --to FO$other: $(cat "$work/move.txt")"
    wait_ms $LIMIT_MS on $other >/dev/null
    ms=$(($(now_ms) - t0))
    # A little longer: an old process that outlives the move shows here.
    sleep 0.5
    sample_stop "round $r"
    check $((ms >= LIMIT_MS)) "round $r: FG online on FO$other, failapp in its prefix, within 10 s (${ms} ms)"
    live=$(only_in $other)
    check $? "round $r: exactly one failapp, in FO$other's prefix: $live"
    echo "round $r: FO$owner -> FO$other in $ms ms"
    times="$times $ms"
    owner=$other
    [ "$failed" -eq 0 ] || break
done
figures move $times
finish
