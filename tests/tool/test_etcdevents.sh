#!/bin/bash
# Notifications across hosts on a store on etcd (docs/etcd.md,
# "Notifications"): `wineclus events` on host A reports, at once, the
# changes a program makes on host B, which touch no file of host A: a
# watcher follows the cluster's head in etcd.
#
# Usage: tests/tool/test_etcdevents.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

FOLLOWER=
on_exit() { [ -n "$FOLLOWER" ] && kill "$FOLLOWER" 2>/dev/null; etcd_stop; }
. "$(dirname "$0")/checks.sh" "$@"
. "$(dirname "$0")/etcd.sh"
export WINECLUS_STORE=etcd://127.0.0.1:$ETCD_PORT/EVENTS
on() { export WINECLUS_ETCD_REPLICA=$WORK/host$1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# seen NAME LIMIT-MS: host A's follower printed NAME; prints the ms it took.
seen() {
    local t0
    t0=$(now_ms)
    until grep -q "$1" "$WORK/events"; do
        [ $(($(now_ms) - t0)) -gt "$2" ] && return 1
        sleep 0.02
    done
    echo $(($(now_ms) - t0))
}

on A
expect 0 "a cluster on etcd, from host A" init --name EVENTS --node N1 --node N2
./wineclus events --count 3 >"$WORK/events" 2>"$WORK/events.err" &
FOLLOWER=$!
sleep 1
on B
expect 0 "host B makes a group" group add FROM_B
if ms=$(seen FROM_B 3000); then ok "host A's follower reports host B's group in ${ms} ms"
else not_ok "host A's follower did not report host B's group within 3 s: $(cat "$WORK/events" "$WORK/events.err")"; fi
expect 0 "host B removes it" group remove FROM_B
if ms=$(seen "GROUP_DELETED *FROM_B" 3000); then ok "and its removal in ${ms} ms"
else not_ok "the removal was not reported within 3 s: $(cat "$WORK/events")"; fi
on C
expect 0 "host C makes a group" group add FROM_C
if ms=$(seen FROM_C 3000); then ok "and host C's group in ${ms} ms"
else not_ok "host C's group was not reported within 3 s: $(cat "$WORK/events")"; fi
# --count 3: the follower ends by itself, its thread with it.
for i in $(seq 50); do kill -0 "$FOLLOWER" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$FOLLOWER" 2>/dev/null; then not_ok "the follower did not end after its 3 events"
else ok "the follower ended after its 3 events"; wait "$FOLLOWER"; RC=$?
    if [ "$RC" = 0 ]; then ok "with status 0"; else not_ok "with status $RC"; fi; fi
FOLLOWER=
etcd_stop
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
