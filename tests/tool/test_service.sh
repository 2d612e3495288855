#!/bin/bash
# The node's cluster service from the outside: `wineclus node start|stop|status`
# by node name and by prefix, a second start refused, a kill -9 recognised
# from the lock, node states recorded by another node's service, and no
# process left behind.  Runs ./wineclus of the build top on throwaway
# stores and a hand-made prefix (no Wine needed).
#
# Usage: tests/tool/test_service.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

PIDS=
on_exit() {
    local p
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
}
. "$(dirname "$0")/checks.sh" "$@"
export WINECLUS_STORE=$WORK/store

# service_pid NODE-ID: the pid the service file records ("" if none).
service_pid() { tr -d '\n' <"$WINECLUS_STORE/nodes/$1.service" 2>/dev/null; }
# alive PID: the process exists and is not a zombie.
alive() { [ -n "$1" ] && [ -e "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
log_has_state() { ./wineclus log 2>/dev/null | grep -q "node 2 'N2' state $1"; }

expect 0 "a store with three nodes" init --name SVC --node N1 --node N2 --node N3

# ---------------------------------------------------------------- by name
expect 0 "node status before any service" node status
out_has "status: N1 down, no service" "N1: down; cluster service not running"
failure 1 1062 "stop of a node with no service" node stop N1
err_has "stop says it is not running" "is not running"
expect 0 "node start N1" node start N1
out_has "start names the node and its pid" "Cluster service of node \"N1\" started (pid "
P1=$(service_pid 1)
PIDS="$PIDS $P1"
if alive "$P1"; then ok "the service runs (pid $P1)"; else not_ok "no service process after start"; fi
# Start returns once the service holds its lock: the next command sees it.
expect 0 "status at once after start" node status N1
out_has "status: N1 up with its service" "N1: up; cluster service running (pid $P1)"
expect 0 "node list sees N1 up" node list --json
json "node list: N1 up while its service runs" '[n["up"] for n in d["nodes"] if n["name"] == "N1"] == [True]'
failure 1 1056 "a second start of N1" node start n1
err_has "the second start names the running service" "runs already (pid $P1)"
expect 0 "node status --json" node status --json
json "status JSON: N1 running with its pid, N2 not" \
    '[(n["name"], n["up"], n["service_running"], n["pid"], n["stale_pid"]) for n in d["nodes"]] ==
     [("N1", True, True, '"$P1"', False), ("N2", False, False, None, False), ("N3", False, False, None, False)]'

# ---------------------------------------------------------------- another node's death
expect 0 "node start N2" node start N2 --json
json "start JSON names node and pid" 'd["node"] == "N2" and d["result"] == "started" and d["pid"] > 0'
P2=$(service_pid 2)
PIDS="$PIDS $P2"
if wait_for 10 log_has_state 0; then ok "N2 up is recorded as node.state"; else not_ok "no node.state up for N2"; fi
kill -9 "$P2"
if wait_for 10 log_has_state 1; then ok "N1's service records N2 down after kill -9"; else not_ok "N2's death not recorded"; fi
expect 0 "status after kill -9" node status N2
out_has "the killed service's pid is called stale" "N2: down; cluster service not running (pid $P2 ended without stopping)"
expect 0 "status --json after kill -9" node status N2 --json
json "status JSON: stale pid" 'd["nodes"][0]["service_running"] is False and d["nodes"][0]["stale_pid"] is True'
failure 1 1062 "stop of a killed service" node stop N2
expect 0 "start again over a stale pid file" node start N2
P2B=$(service_pid 2)
PIDS="$PIDS $P2B"
if [ "$P2B" != "$P2" ] && alive "$P2B"; then ok "a new service runs"; else not_ok "no new service for N2"; fi
expect 0 "node stop N2 --json" node stop N2 --json
json "stop JSON" 'd["node"] == "N2" and d["result"] == "stopped" and d["pid"] == '"$P2B"
if alive "$P2B"; then not_ok "N2's service still runs after stop"; else ok "N2's service ended with stop"; fi
expect 0 "node stop N1" node stop N1
out_has "stop reports the pid" "Cluster service of node \"N1\" (pid $P1) stopped."
if alive "$P1"; then not_ok "N1's service still runs after stop"; else ok "N1's service ended with stop"; fi
expect 0 "status after clean stops" node status
out_has "a clean stop leaves no stale pid" "N1: down; cluster service not running"
if grep -q "cluster service of node N1 stopped (signal 15)" "$WINECLUS_STORE/nodes/1.log"; then
    ok "the service's log says it stopped on SIGTERM"
else
    not_ok "the service's log lacks its stop"
fi

# ---------------------------------------------------------------- by prefix
PFX=$WORK/prefix
OTHER=$WORK/other
mkdir -p "$PFX"
# What `wineclus setup --node N3` writes into a prefix's system.reg.
printf 'WINE REGISTRY Version 2\n\n[Software\\\\Wine\\\\Cluster] 1700000000\n"NodeName"="N3"\n"Store"="%s"\n' \
    "$OTHER" >"$PFX/system.reg"
WINECLUS_STORE=$OTHER expect 0 "a second store for the prefix" init --name OTHER --node N3
# With WINECLUS_STORE unset, the prefix's Store setting names the store.
unset WINECLUS_STORE
expect 0 "node start --prefix" node start --prefix "$PFX"
out_has "the prefix's node starts" "Cluster service of node \"N3\" started"
P3=$(tr -d '\n' <"$OTHER/nodes/1.service")
PIDS="$PIDS $P3"
WINEPREFIX=$PFX expect 0 "status of \$WINEPREFIX's node" node status --prefix "$PFX"
out_has "status --prefix" "N3: up; cluster service running (pid $P3)"
WINEPREFIX=$PFX expect 0 "node stop with \$WINEPREFIX" node stop
out_has "stop of \$WINEPREFIX's node" "Cluster service of node \"N3\" (pid $P3) stopped."
export WINECLUS_STORE=$WORK/store
expect 2 "a name and --prefix" node start N1 --prefix "$PFX"
WINEPREFIX=$WORK/nowhere failure 1 5042 "a prefix that is no node" node start
err_has "says how to make one" "wineclus setup --node NAME"
failure 1 5042 "start of an unknown node" node start NOBODY

# ---------------------------------------------------------------- applications and failover
# A Generic Application online on A1 runs in A1's prefix; kill -9 of A1's
# service ends it and brings the group online on A2, running in A2's prefix.
# Wine is stood in for by a loader that records its prefix and arguments.
export WINECLUS_STORE=$WORK/apps
mkdir -p "$WORK/ran"
cat >"$WORK/fakewine" <<'EOS'
#!/bin/sh
echo "$WINEPREFIX|$*" >"$RAN/$$"
exec sleep 300
EOS
chmod +x "$WORK/fakewine"
for n in A1 A2; do
    mkdir -p "$WORK/p$n"
    printf 'WINE REGISTRY Version 2\n\n[Software\\\\Wine\\\\Cluster] 1700000000\n"NodeName"="%s"\n"Store"="%s"\n' \
        "$n" "$WINECLUS_STORE" >"$WORK/p$n/system.reg"
done
expect 0 "a store with nodes A1 and A2" init --name APPS --node A1 --node A2
expect 0 "group G on A1" group add G --owner A1
expect 0 "a Generic Application in it" resource add APP --type "Generic Application" --group G --json
APPID=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$OUT" 2>/dev/null)
expect 0 "its CommandLine" registry set "Resources\\$APPID\\Parameters" CommandLine sz 'app.exe --serve "two words"'
RAN=$WORK/ran WINELOADER=$WORK/fakewine expect 0 "A1's service" node start --prefix "$WORK/pA1"
PA1=$(tr -d '\n' <"$WINECLUS_STORE/nodes/1.service")
PIDS="$PIDS $PA1"
RAN=$WORK/ran WINELOADER=$WORK/fakewine expect 0 "A2's service" node start --prefix "$WORK/pA2"
PA2=$(tr -d '\n' <"$WINECLUS_STORE/nodes/2.service")
PIDS="$PIDS $PA2"
expect 0 "group online G: pending for A1's service" group online G
res_is() {
    local state owner
    state=$(./wineclus resource list --json 2>/dev/null |
        python3 -c 'import json, sys; print([r["state"] for r in json.load(sys.stdin)["resources"] if r["name"] == "APP"])')
    owner=$(./wineclus group show G --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["group"]["owner"])')
    [ "$state" = "['$1']" ] && [ "$owner" = "$2" ]
}
ran_in() { grep -l "^$1|app.exe --serve two words\$" "$WORK"/ran/* 2>/dev/null | head -n 1; }
if wait_for 10 res_is online A1; then ok "A1's service brings APP online"; else not_ok "APP not online on A1: $(./wineclus resource list 2>&1)"; fi
APP1=$(basename "$(ran_in "$WORK/pA1")" 2>/dev/null)
PIDS="$PIDS $APP1"
if [ -n "$APP1" ] && alive "$APP1"; then ok "its CommandLine runs in A1's prefix (pid $APP1)"; else not_ok "no application in A1's prefix: $(cat "$WORK"/ran/* 2>&1)"; fi
kill -9 "$PA1"
if wait_for 15 res_is online A2; then ok "kill -9 of A1's service: APP online on A2"; else not_ok "no failover to A2: $(./wineclus resource list 2>&1)"; fi
APP2=$(basename "$(ran_in "$WORK/pA2")" 2>/dev/null)
PIDS="$PIDS $APP2"
if [ -n "$APP2" ] && alive "$APP2"; then ok "it runs in A2's prefix (pid $APP2)"; else not_ok "no application in A2's prefix"; fi
if alive "$APP1"; then not_ok "A1's application outlived A1's service"; else ok "A1's application died with its service"; fi
expect 0 "the group is A2's" group show G --json
json "G owned by A2 and online" 'd["group"]["owner"] == "A2" and d["group"]["state"] == "online"'
# ---------------------------------------------------------------- restart policy
# live_in PREFIX: the pid of a live application of that prefix, "" if none.
live_in() {
    local f
    for f in $(grep -l "^$1|" "$WORK"/ran/* 2>/dev/null); do
        alive "$(basename "$f")" && { basename "$f"; return; }
    done
}
# restarted_in PREFIX OLD-PID: another application than OLD-PID runs there.
restarted_in() { local p; p=$(live_in "$1"); [ -n "$p" ] && [ "$p" != "$2" ]; }
log_of() { grep -c -- "$2" "$WINECLUS_STORE/nodes/$1.log"; }
set_app() { ./wineclus registry set "Resources\\$APPID" "$1" dword "$2" >/dev/null 2>&1; }
# Defaults (RestartAction 2, RestartThreshold 3 in 900 s): restarted in place.
kill "$APP2"
if wait_for 10 restarted_in "$WORK/pA2" "$APP2" && res_is online A2; then
    ok "the application's exit restarts it in A2's prefix"
else
    not_ok "APP not restarted on A2: $(./wineclus resource list 2>&1 | head -n 2)"
fi
[ "$(log_of 2 'restart 1 of 3 within 900000 ms')" = 1 ]
if [ $? = 0 ]; then ok "A2's log counts the restart"; else not_ok "A2's log lacks 'restart 1 of 3'"; fi
APP3=$(live_in "$WORK/pA2")
PIDS="$PIDS $APP3"
RAN=$WORK/ran WINELOADER=$WORK/fakewine expect 0 "A1's service again" node start --prefix "$WORK/pA1"
PIDS="$PIDS $(tr -d '\n' <"$WINECLUS_STORE/nodes/1.service")"
# Past RestartThreshold with RestartAction 2: the group fails over.
set_app RestartThreshold 1
kill "$APP3"
if wait_for 15 res_is online A1 && wait_for 10 restarted_in "$WORK/pA1" ""; then
    ok "past RestartThreshold: G fails over to A1, APP runs in A1's prefix"
else
    not_ok "no failover after the restarts: $(./wineclus resource list 2>&1 | head -n 2)"
fi
APP4=$(live_in "$WORK/pA1")
PIDS="$PIDS $APP4"
if ./wineclus log | grep -q "group.failover.*'G' to node 1 after a resource failure"; then
    ok "the failover is in the quorum log"
else
    not_ok "no group.failover record"
fi
# On A1 its count starts afresh: one restart, then the group's FailoverThreshold
# (two nodes: one failover in 6 hours) leaves it failed on A1.
kill "$APP4"
if wait_for 10 restarted_in "$WORK/pA1" "$APP4" && res_is online A1; then ok "A1 restarts it once"; else not_ok "A1 did not restart APP"; fi
APP5=$(live_in "$WORK/pA1")
PIDS="$PIDS $APP5"
kill "$APP5"
if wait_for 10 res_is failed A1; then ok "past FailoverThreshold: G stays failed on A1"; else not_ok "G not left failed: $(./wineclus group list 2>&1)"; fi
sleep 1.5
if [ -z "$(live_in "$WORK/pA1")" ] && [ -z "$(live_in "$WORK/pA2")" ] && res_is failed A1; then
    ok "nothing restarts a group left failed"
else
    not_ok "APP came back after its group was left failed"
fi
[ "$(log_of 1 'FailoverThreshold times within FailoverPeriod')" = 1 ]
if [ $? = 0 ]; then ok "A1's log says why it stays failed"; else not_ok "A1's log lacks the FailoverThreshold note"; fi
# again WHY: G offline, then online again: APP runs on A1 (its pid in APP).
again() {
    expect 0 "group offline G ($1)" group offline G
    expect 0 "group online G: pending again ($1)" group online G
    if wait_for 10 res_is online A1; then ok "A1's service brings APP online again ($1)"; else not_ok "APP not online on A1 again ($1)"; fi
    APP=$(live_in "$WORK/pA1")
    PIDS="$PIDS $APP"
}
# RestartAction 0: failed at the first exit.
set_app RestartAction 0
again "RestartAction 0"
kill "$APP"
if wait_for 10 res_is failed A1; then ok "RestartAction 0: the exit fails APP"; else not_ok "APP not failed after its process ended"; fi
sleep 1.5
if [ -z "$(live_in "$WORK/pA1")" ] && res_is failed A1; then ok "RestartAction 0: not restarted"; else not_ok "APP restarted with RestartAction 0"; fi
# RestartAction 1 past its threshold (0 here): failed, and the group stays.
set_app RestartAction 1
set_app RestartThreshold 0
again "RestartAction 1"
kill "$APP"
if wait_for 10 res_is failed A1; then ok "RestartAction 1 past RestartThreshold: failed, G stays on A1"; else not_ok "APP not failed on A1 (RestartAction 1)"; fi
[ "$(log_of 1 '(RestartAction 1)')" = 1 ]
if [ $? = 0 ]; then ok "A1's log names RestartAction 1"; else not_ok "A1's log lacks RestartAction 1"; fi
set_app RestartAction 2
again "RestartAction 2"

# ---------------------------------------------------------------- failback
GID=$(./wineclus group show G --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["group"]["id"])')
set_group() { ./wineclus registry set "Groups\\$GID" "$@" >/dev/null 2>&1; }
# kill_a1: kill -9 of A1's service; G goes to A2, APP runs there.
kill_a1() {
    kill -9 "$(tr -d '\n' <"$WINECLUS_STORE/nodes/1.service")"
    wait_for 15 res_is online A2 && wait_for 10 restarted_in "$WORK/pA2" ""
}
start_a1() {
    RAN=$WORK/ran WINELOADER=$WORK/fakewine ./wineclus node start --prefix "$WORK/pA1" >/dev/null 2>&1 &&
        PIDS="$PIDS $(tr -d '\n' <"$WINECLUS_STORE/nodes/1.service")"
}
set_group PreferredOwners multi_sz 1
set_group AutoFailbackType dword 1
if kill_a1; then ok "G, preferring A1, fails over to A2"; else not_ok "G did not fail over to A2"; fi
PIDS="$PIDS $(live_in "$WORK/pA2")"
start_a1
if wait_for 10 res_is online A1 && wait_for 10 restarted_in "$WORK/pA1" ""; then
    ok "AutoFailbackType 1: A1 back up, G fails back there, APP in A1's prefix"
else
    not_ok "no failback to A1: $(./wineclus group list 2>&1)"
fi
PIDS="$PIDS $(live_in "$WORK/pA1")"
if [ -z "$(live_in "$WORK/pA2")" ]; then ok "A2's copy ended with the failback"; else not_ok "APP still runs in A2's prefix"; fi
if grep -q "group G: failed back to node 1" "$WINECLUS_STORE"/nodes/[12].log; then ok "a service's log records the failback"; else not_ok "no failback in the logs"; fi
# A window that is closed now (twelve hours away) holds the failback back.
away=$(( (10#$(date +%H) + 12) % 24 ))
set_group FailbackWindowStart dword "$away"
set_group FailbackWindowEnd dword "$away"
if kill_a1; then ok "G fails over to A2 again"; else not_ok "G did not fail over to A2 again"; fi
PIDS="$PIDS $(live_in "$WORK/pA2")"
start_a1
sleep 3
if res_is online A2; then ok "outside FailbackWindowStart..End: G stays on A2"; else not_ok "G failed back outside its window"; fi
set_group FailbackWindowStart dword 4294967295
if wait_for 10 res_is online A1; then ok "no window any more: the owed failback to A1 happens"; else not_ok "the owed failback did not happen"; fi
wait_for 10 restarted_in "$WORK/pA1" ""
PIDS="$PIDS $(live_in "$WORK/pA1")"
# Prevented: G stays where it failed over to.
set_group AutoFailbackType dword 0
if kill_a1; then ok "G fails over to A2 once more"; else not_ok "G did not fail over to A2 once more"; fi
PIDS="$PIDS $(live_in "$WORK/pA2")"
start_a1
sleep 3
if res_is online A2; then ok "AutoFailbackType 0: G stays on A2 when A1 is back"; else not_ok "G failed back with AutoFailbackType 0"; fi
APP9=$(live_in "$WORK/pA2")
PIDS="$PIDS $APP9"
expect 0 "node stop A1" node stop A1
expect 0 "node stop A2, with G" node stop A2
if alive "$APP9"; then not_ok "A2's application outlived the stop of its service"; else ok "stopping A2's service ends its application"; fi
# ---------------------------------------------------------------- Generic Service
# A Generic Service online on S1 has its Windows service started and watched
# in S1's prefix by clussvcctl.exe; offline and the cluster service's stop
# stop it.  Wine running clussvcctl.exe is stood in for by a loader that
# records the call: `watch NAME` lasts until `stop NAME` ends it (as the
# real one returns once the service stopped).
export WINECLUS_STORE=$WORK/svcs
mkdir -p "$WORK/svcran" "$WORK/pS1"
cat >"$WORK/fakesvc" <<'EOS'
#!/bin/sh
case "${1##*/} $2" in
"clussvcctl.exe watch") echo "$WINEPREFIX|watch $3" >>"$RAN/calls"; echo $$ >"$RAN/watch.$3"; exec sleep 300 ;;
"clussvcctl.exe stop") echo "$WINEPREFIX|stop $3" >>"$RAN/calls"; kill "$(cat "$RAN/watch.$3")" ;;
*) echo "unexpected: $*" >>"$RAN/calls"; exit 1 ;;
esac
EOS
chmod +x "$WORK/fakesvc"
printf 'WINE REGISTRY Version 2\n\n[Software\\\\Wine\\\\Cluster] 1700000000\n"NodeName"="S1"\n"Store"="%s"\n' \
    "$WINECLUS_STORE" >"$WORK/pS1/system.reg"
expect 0 "a store with nodes S1 and S2" init --name SVCS --node S1 --node S2
expect 0 "group SG on S1" group add SG --owner S1
expect 0 "a Generic Service in it" resource add SVC --type "Generic Service" --group SG --json
SVCID=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$OUT" 2>/dev/null)
expect 0 "its ServiceName" registry set "Resources\\$SVCID\\Parameters" ServiceName sz Spooler
# No restart (RestartAction 0): the service stopping leaves it failed.
expect 0 "its RestartAction 0" registry set "Resources\\$SVCID" RestartAction dword 0
RAN=$WORK/svcran WINELOADER=$WORK/fakesvc expect 0 "S1's service" node start --prefix "$WORK/pS1"
PS1=$(service_pid 1)
PIDS="$PIDS $PS1"
svc_is() {
    ./wineclus resource list --json 2>/dev/null |
        python3 -c 'import json, sys; sys.exit([r["state"] for r in json.load(sys.stdin)["resources"] if r["name"] == "SVC"] != [sys.argv[1]])' "$1"
}
calls_has() { grep -qxF -- "$1" "$WORK/svcran/calls" 2>/dev/null; }
watcher() { cat "$WORK/svcran/watch.Spooler" 2>/dev/null; }
expect 0 "group online SG: pending for S1's service" group online SG
if wait_for 10 svc_is online; then ok "S1's service brings SVC online"; else not_ok "SVC not online: $(./wineclus resource list 2>&1)"; fi
if wait_for 5 calls_has "$WORK/pS1|watch Spooler"; then ok "clussvcctl watch Spooler runs in S1's prefix"; else not_ok "no watch: $(cat "$WORK/svcran/calls" 2>&1)"; fi
W1=$(watcher)
PIDS="$PIDS $W1"
if alive "$W1"; then ok "the watcher runs (pid $W1)"; else not_ok "no watcher process"; fi
kill "$W1"
if wait_for 10 svc_is failed; then ok "the service stopping (watcher ended) fails SVC"; else not_ok "SVC not failed after its service stopped"; fi
expect 0 "group offline SG" group offline SG
rm -f "$WORK/svcran/calls"
expect 0 "group online SG again" group online SG
if wait_for 10 svc_is online && wait_for 5 calls_has "$WORK/pS1|watch Spooler"; then ok "SVC online again, watched"; else not_ok "SVC not online again"; fi
W2=$(watcher)
PIDS="$PIDS $W2"
expect 0 "group offline SG: the service stops" group offline SG
if wait_for 10 calls_has "$WORK/pS1|stop Spooler"; then ok "offline runs clussvcctl stop Spooler in S1's prefix"; else not_ok "no stop: $(cat "$WORK/svcran/calls" 2>&1)"; fi
if wait_for 5 eval '! alive "$W2"'; then ok "the watcher ended with the stop"; else not_ok "the watcher outlived the offline"; fi
expect 0 "SVC offline, not failed" resource list --json
json "SVC offline" '[r["state"] for r in d["resources"] if r["name"] == "SVC"] == ["offline"]'
expect 0 "group online SG once more" group online SG
if wait_for 10 svc_is online; then ok "SVC online a third time"; else not_ok "SVC not online a third time"; fi
wait_for 5 calls_has "$WORK/pS1|watch Spooler"
W3=$(watcher)
PIDS="$PIDS $W3"
rm -f "$WORK/svcran/calls"
expect 0 "node stop S1" node stop S1
if calls_has "$WORK/pS1|stop Spooler"; then ok "stopping the cluster service stops the Windows service"; else not_ok "no stop at the service's end"; fi
if alive "$W3"; then not_ok "the watcher outlived the cluster service"; else ok "the watcher ended with the cluster service"; fi
expect 0 "a Generic Service without ServiceName" resource add BARE --type "Generic Service" --group SG
RAN=$WORK/svcran WINELOADER=$WORK/fakesvc expect 0 "S1's service again" node start --prefix "$WORK/pS1"
PIDS="$PIDS $(service_pid 1)"
expect 0 "group offline SG" group offline SG
expect 0 "resource online BARE" resource online BARE
bare_failed() { ./wineclus resource list --json 2>/dev/null | python3 -c 'import json, sys; sys.exit([r["state"] for r in json.load(sys.stdin)["resources"] if r["name"] == "BARE"] != ["failed"])'; }
if wait_for 10 bare_failed; then ok "no ServiceName: the resource fails"; else not_ok "BARE not failed"; fi
if grep -q "resource BARE: no ServiceName to start" "$WINECLUS_STORE/nodes/1.log"; then ok "the log says why"; else not_ok "the log lacks the missing ServiceName"; fi
expect 0 "node stop S1" node stop S1

# ---------------------------------------------------------------- restore with force
# RestoreClusterDatabase: other nodes' services make a restore fail with 5056
# ERROR_CLUSTER_NODE_UP; with force they are stopped first, and the
# restoring node's service goes on with the restored database.
export WINECLUS_STORE=$WORK/restore
mkdir -p "$WORK/set"
expect 0 "a store with nodes R1 and R2" init --name RST --node R1 --node R2
expect 0 "group GB on R2" group add GB --owner R2
expect 0 "R1's service" node start R1
PR1=$(service_pid 1)
PIDS="$PIDS $PR1"
expect 0 "R2's service" node start R2
PR2=$(service_pid 2)
PIDS="$PIDS $PR2"
expect 0 "backup with GB on R2" backup "$WORK/set"
# Only the restored database holds GB now: whoever moves it afterwards acts on it.
expect 0 "GB removed after the backup" group remove GB
failure 1 5056 "restore while R2's service runs" restore "$WORK/set" --node R1
err_has "5056 names R2" "(R2)"
err_has "5056 says --force stops the services" "stops the other nodes' cluster services"
expect 0 "group list after the refused restore" group list --json
json "a refused restore changes nothing" 'not any(g["name"] == "GB" for g in d["groups"])'
if alive "$PR2"; then ok "a refused restore leaves R2's service running"; else not_ok "R2's service ended on a refused restore"; fi
expect 0 "restore --force from R1" restore "$WORK/set" --node R1 --force --json
json "the forced restore stopped one service" 'd["stopped_services"] == 1 and d["forced_nodes_up"] is True and d["node"] == "R1"'
if wait_for 10 eval '! alive "$PR2"'; then ok "R2's service is gone"; else not_ok "R2's service (pid $PR2) still runs"; fi
if alive "$PR1"; then ok "R1's service still runs (pid $PR1)"; else not_ok "the restoring node's service ended"; fi
expect 0 "status of R2" node status R2 --json
json "R2 down, stopped cleanly" 'd["nodes"][0]["up"] is False and d["nodes"][0]["service_running"] is False and d["nodes"][0]["stale_pid"] is False'
gb_owner() {
    ./wineclus group show GB --json 2>/dev/null |
        python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["group"]["owner"] != sys.argv[1])' "$1"
}
if wait_for 10 gb_owner R1; then ok "R1's service fails the restored GB over from R2"; else not_ok "GB not moved to R1: $(./wineclus group list 2>&1)"; fi
expect 0 "R2 started again" node start R2
PR2B=$(service_pid 2)
PIDS="$PIDS $PR2B"
expect 0 "R2 up again" node status R2 --json
json "R2 up with its new service" 'd["nodes"][0]["up"] is True and d["nodes"][0]["service_running"] is True'
expect 0 "restore --force as R2: R1's service stopped" restore "$WORK/set" --node R2 --force
out_has "the summary says which services stopped" "Stopped the cluster service of 1 other node (--force)"
if wait_for 10 eval '! alive "$PR1"'; then ok "R1's service is gone"; else not_ok "R1's service still runs"; fi
if alive "$PR2B"; then ok "R2's service carries on"; else not_ok "R2's service ended"; fi
expect 0 "a restore with no service elsewhere" restore "$WORK/set" --node R2 --force --json
json "nothing to stop" 'd["stopped_services"] == 0'
expect 0 "node stop R2" node stop R2

# ---------------------------------------------------------------- a refused failover
# HA fails past its restarts and its group H cannot fail over (F2, the only
# other node, is down): H stays on F1, and HB, which does not depend on HA,
# keeps running: the group's processes end only for a failover the store
# makes, never for one it refuses (else HB would be Online with nothing running).
export WINECLUS_STORE=$WORK/refused
mkdir -p "$WORK/pF1"
printf 'WINE REGISTRY Version 2\n\n[Software\\\\Wine\\\\Cluster] 1700000000\n"NodeName"="F1"\n"Store"="%s"\n' \
    "$WINECLUS_STORE" >"$WORK/pF1/system.reg"
expect 0 "a store with nodes F1 and F2" init --name REFUSED --node F1 --node F2
expect 0 "group H on F1" group add H --owner F1
for r in HA HB; do
    expect 0 "Generic Application $r in H" resource add $r --type "Generic Application" --group H --json
    id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$OUT" 2>/dev/null)
    expect 0 "$r's CommandLine" registry set "Resources\\$id\\Parameters" CommandLine sz "$r.exe"
    [ $r = HA ] && expect 0 "HA: no restart in place" registry set "Resources\\$id" RestartThreshold dword 0
done
RAN=$WORK/ran WINELOADER=$WORK/fakewine expect 0 "F1's service (F2 stays down)" node start --prefix "$WORK/pF1"
PIDS="$PIDS $(service_pid 1)"
expect 0 "group online H" group online H
# app_pid NAME: the live process of application NAME in F1's prefix.
app_pid() {
    local f
    for f in $(grep -l "^$WORK/pF1|$1.exe\$" "$WORK"/ran/* 2>/dev/null); do
        alive "$(basename "$f")" && { basename "$f"; return; }
    done
    return 1
}
if wait_for 10 app_pid HA >/dev/null && wait_for 10 app_pid HB >/dev/null; then ok "HA and HB run in F1's prefix"; else not_ok "HA and HB not started: $(./wineclus resource list 2>&1)"; fi
HA=$(app_pid HA)
HB=$(app_pid HB)
PIDS="$PIDS $HA $HB"
kill "$HA"
if wait_for 10 eval 'grep -q "resource HA: its group stays failed here" "$WINECLUS_STORE/nodes/1.log"'; then
    ok "HA past its threshold: H cannot fail over, F1's log says so"
else
    not_ok "no refused failover in F1's log: $(tail -n 3 "$WINECLUS_STORE/nodes/1.log")"
fi
sleep 2.5
if alive "$HB" && [ "$(app_pid HB)" = "$HB" ]; then ok "HB's process (pid $HB) still runs"; else not_ok "HB's process was ended: now $(app_pid HB)"; fi
expect 0 "the resources of H" resource list --json
json "HA failed, HB online, both F1's" '{r["name"]: r["state"] for r in d["resources"] if r["name"] in ("HA", "HB")} == {"HA": "failed", "HB": "online"}'
if grep -q "resource HB: online with no process here" "$WINECLUS_STORE/nodes/1.log"; then not_ok "HB was left Online with no process"; else ok "HB never left Online with no process"; fi
expect 0 "node stop F1" node stop F1

# ---------------------------------------------------------------- nothing left behind
left=
for p in $PIDS; do alive "$p" && left="$left $p"; done
if [ -z "$left" ]; then ok "no service process left"; else not_ok "processes left:$left"; fi

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
