#!/bin/bash
# Node liveness across hosts on a store on etcd (docs/etcd.md, "Liveness"):
# a node's cluster service on host A holds a lease; host B sees the node up,
# sees it down within the lease's TTL of a kill -9, and B's service moves the
# dead node's group to its own node; a service that stops is down at once.
#
# Usage: tests/tool/test_etcdalive.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

PIDS=
on_exit() {
    local p
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
    etcd_stop
}
. "$(dirname "$0")/checks.sh" "$@"
. "$(dirname "$0")/etcd.sh"
export WINECLUS_STORE=etcd://127.0.0.1:$ETCD_PORT/ALIVE WINECLUS_ETCD_TTL=2
on() { export WINECLUS_ETCD_REPLICA=$WORK/host$1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# up_on NODE: host's view (the current WINECLUS_ETCD_REPLICA) of NODE: 1 up, 0 down.
up_on() {
    ./wineclus node list --json 2>/dev/null | python3 -c 'import json, sys
print([int(n["up"]) for n in json.load(sys.stdin)["nodes"] if n["name"] == sys.argv[1]][0])' "$1"
}
owner_of() {
    ./wineclus group list --json 2>/dev/null | python3 -c 'import json, sys
print([g["owner"] for g in json.load(sys.stdin)["groups"] if g["name"] == sys.argv[1]][0])' "$1"
}
# until_ms SECONDS CMD...: CMD until it succeeds; prints the ms it took, fails after SECONDS.
until_ms() {
    local limit=$1 t0
    shift
    t0=$(now_ms)
    while ! "$@"; do
        [ $(($(now_ms) - t0)) -gt $((limit * 1000)) ] && return 1
        sleep 0.1
    done
    echo $(($(now_ms) - t0))
}
service_pid() { tr -d '\n' <"$WINECLUS_ETCD_REPLICA/nodes/$1.service" 2>/dev/null; }

on A
expect 0 "a cluster of three nodes on etcd, from host A" init --name ALIVE --node N1 --node N2 --node N3
expect 0 "a group on N1" group add G1
on B
if [ "$(up_on N1)" = 0 ]; then ok "host B: N1 down while no service runs"; else not_ok "host B: N1 up with no service"; fi
on A
for bad in 1 abc 3601 ""; do
    WINECLUS_ETCD_TTL=$bad run node start N1
    if [ "$RC" = 1 ] && grep -q "error 10" "$ERR" && grep -q "WINECLUS_ETCD_TTL must be" "$ERR"; then ok "WINECLUS_ETCD_TTL='$bad' refused with 10"
    else not_ok "WINECLUS_ETCD_TTL='$bad': exit $RC"; fi
done
# Each host names itself in its leases, as hosts with hostnames of their own do.
export WINECLUS_ETCD_HOST=hostA
expect 0 "N1's service on host A" node start N1
PA=$(service_pid 1); PIDS="$PIDS $PA"
on B
export WINECLUS_ETCD_HOST=hostB
if [ "$(up_on N1)" = 1 ]; then ok "host B sees N1 up (its service's lease)"; else not_ok "host B: N1 not up while its service runs on host A"; fi
sleep 5
if [ "$(up_on N1)" = 1 ]; then ok "host B still sees N1 up after 2.5 TTLs (the service keeps its lease)"
else not_ok "host B: N1 down although its service runs (lease not kept alive)"; fi
expect 0 "N2's service on host B" node start N2
PB=$(service_pid 2); PIDS="$PIDS $PB"
on A
if [ "$(up_on N2)" = 1 ]; then ok "host A sees N2 up"; else not_ok "host A: N2 not up"; fi
failure 1 50 "host A cannot stop host B's service" node stop N2
err_has "the refusal says where to stop it" "runs on another host"
expect 0 "host A's node status shows N2's service running" node status N2
out_has "N2 running on host B" "N2: up; cluster service running on another host"
mkdir -p "$WORK/set"
expect 0 "a backup on host A" backup "$WORK/set"
expect 0 "a forced restore on host A leaves host B's service running" restore "$WORK/set" --force
on B
if [ -n "$(service_pid 2)" ] && kill -0 "$(service_pid 2)" 2>/dev/null; then ok "host B's service runs on after the restore"
else not_ok "host B's service ended with host A's restore"; fi
on A

# kill -9 of host A's service: nobody keeps its lease; a TTL later N1 is
# down everywhere and host B's service takes G1.
on B
kill -9 "$PA"
down_ms=$(until_ms 10 eval '[ "$(up_on N1)" = 0 ]')
if [ -n "$down_ms" ]; then ok "host B sees N1 down ${down_ms} ms after its service's kill -9 (TTL 2 s)"
else not_ok "host B: N1 still up 10 s after its service's kill -9"; fi
if [ -n "$down_ms" ] && [ "$down_ms" -le 4000 ]; then ok "within the TTL and a keep-alive round"
else not_ok "N1 down only after ${down_ms:-more than 10000} ms"; fi
moved_ms=$(until_ms 10 eval '[ "$(owner_of G1)" = N2 ]')
if [ -n "$moved_ms" ]; then ok "host B's service moved G1 to N2 ${moved_ms} ms after N1 was seen down"
else not_ok "G1 still owned by $(owner_of G1) 10 s after N1 went down"; fi
on C
if [ "$(up_on N1)" = 0 ] && [ "$(owner_of G1)" = N2 ]; then ok "a third host sees N1 down and G1 on N2"
else not_ok "host C: N1 up=$(up_on N1), G1 on $(owner_of G1)"; fi

# A service of this host killed: its lease names this host and a pid that is
# gone, so the node is down here at once, as the folder's lock says.
expect 0 "N3's service on host B" node start N3
P3=$(service_pid 3); PIDS="$PIDS $P3"
kill -9 "$P3"
while kill -0 "$P3" 2>/dev/null; do sleep 0.05; done
if [ "$(up_on N3)" = 0 ]; then ok "host B sees its own killed service's node down at once"; else not_ok "host B: N3 up after its service's kill -9 on this host"; fi

# A service that stops gives its lease back: down at once, not a TTL later.
on B
expect 0 "N2's service stops" node stop N2
on A
if [ "$(up_on N2)" = 0 ]; then ok "host A sees N2 down at once after its stop"; else not_ok "host A: N2 up after its service stopped"; fi
etcd_stop
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
