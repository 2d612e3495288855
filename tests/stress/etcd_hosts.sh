#!/bin/bash
# Hosts cut off (issue 16): two "hosts" made as network namespaces, each
# reaching one etcd member through its own veth pair, each with its own Wine
# prefix as a node of one cluster on etcd and its cluster service running.
# A Generic Application (failapp.exe) runs on host 1's node; host 1's veth
# goes down: its node must be down for host 2 within the lease's TTL, host
# 2's service must start the application in its own prefix, host 1's
# service must have ended its copy first (never both at once, sampled every
# 50 ms), and once the veth is up again host 1 is a node again with the
# group staying on host 2.  Needs root (ip netns); run from the build top.
#
#   tests/stress/etcd_hosts.sh WORK
# Prints failed checks and figures, then "N passed, N failed".
set -u
top=$(pwd)
tool=$top/wineclus
work=$1
ttl=6
WINESERVER=${WINESERVER:-wineserver}
. "$top/tests/etcd/server.sh"
passed=0 failed=0
check() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $2"; fi; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
tag=$$
ns() { echo "wc${tag}n$1"; }
veth() { echo "wc${tag}v$1"; }
net() { echo "10.231.$((200 + $1))"; }
etcd_pid=

cleanup() {
    local n
    for n in 1 2; do
        ip link set "$(veth $n)" up 2>/dev/null
        on $n "$tool" node stop "NH$n" >/dev/null 2>&1
        WINEPREFIX=$work/p$n "$WINESERVER" -k 2>/dev/null
        ip link del "$(veth $n)" 2>/dev/null
        ip netns del "$(ns $n)" 2>/dev/null
    done
    [ -n "$etcd_pid" ] && { kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null; }
}
finish() {
    [ -n "${sampler:-}" ] && { touch "$work/stop"; wait "$sampler"; }
    cleanup
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
trap finish INT TERM

rm -rf "$work"; mkdir -p "$work"
if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
    check 1 "network namespaces need root and iproute2 (ip); this run has neither or is not root"
    finish
fi
for n in 1 2; do
    ip netns add "$(ns $n)" &&
        ip link add "$(veth $n)" type veth peer name "wc${tag}p$n" &&
        ip link set "wc${tag}p$n" netns "$(ns $n)" &&
        ip addr add "$(net $n).1/24" dev "$(veth $n)" && ip link set "$(veth $n)" up &&
        ip -n "$(ns $n)" addr add "$(net $n).2/24" dev "wc${tag}p$n" &&
        ip -n "$(ns $n)" link set "wc${tag}p$n" up && ip -n "$(ns $n)" link set lo up
    check $? "host $n: a network namespace with a veth pair"
done
[ "$failed" = 0 ] || finish
port=$(etcd_free_port) peer=$(etcd_free_port)
etcd --name hosts --data-dir "$work/etcd" --log-level error \
    --listen-client-urls "http://$(net 1).1:$port,http://$(net 2).1:$port" \
    --advertise-client-urls "http://$(net 1).1:$port" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "hosts=http://127.0.0.1:$peer" >"$work/etcd.log" 2>&1 &
etcd_pid=$!
# on N CMD...: CMD inside host N's namespace, as a program of that host.
on() {
    local n=$1
    shift
    ip netns exec "$(ns $n)" env WINECLUS_STORE="etcd://$(net $n).1:$port/HOSTS" WINECLUS_ETCD_REPLICA="$work/r$n" \
        WINECLUS_ETCD_TTL=$ttl WINEPREFIX="$work/p$n" WINEDEBUG=-all "$@"
}
for i in $(seq 100); do on 1 "$tool" status >/dev/null 2>&1 && break; sleep 0.1; done

. "$top/tests/failover/apps.sh"
only_in() { local l; l=$(apps); [ "$(echo "$l" | grep -c .)" = 1 ] && echo "$l" | grep -q " $work/p$1\$"; }
owner_seen_by() {   # N GROUP: the owner host N sees
    on "$1" "$tool" group show "$2" --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["group"]["owner"])' 2>/dev/null
}
up_seen_by() {   # N NODE: 1 when host N sees NODE up
    on "$1" "$tool" node list --json 2>/dev/null |
        python3 -c 'import json, sys; print([int(n["up"]) for n in json.load(sys.stdin)["nodes"] if n["name"] == sys.argv[1]][0])' "$2" 2>/dev/null
}
wait_ms() {   # LIMIT-MS CMD...: prints the ms until CMD succeeded (LIMIT when it never did)
    local limit=$1 t0
    shift
    t0=$(now_ms)
    while ! "$@" && [ $(($(now_ms) - t0)) -lt "$limit" ]; do sleep 0.1; done
    echo $(($(now_ms) - t0))
}

{
    on 1 "$tool" init --name HOSTS --node NH1 --node NH2 &&
        for n in 1 2; do
            on $n "$tool" setup --node "NH$n" >"$work/setup$n.txt" 2>&1 || exit 1
            mkdir -p "$work/p$n/drive_c/failapp" && cp build/tests/failapp.exe "$work/p$n/drive_c/failapp/" || exit 1
        done &&
        on 1 "$tool" group add FG --owner NH1 &&
        on 1 "$tool" resource add FAPP --type "Generic Application" --group FG --json >"$work/app.json" &&
        app=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$work/app.json") &&
        on 1 "$tool" registry set "Resources\\$app\\Parameters" CommandLine sz 'C:\failapp\failapp.exe "hosts test"' &&
        on 1 "$tool" registry set "Resources\\$app\\Parameters" CurrentDirectory sz 'C:\failapp' &&
        on 1 "$tool" node start --prefix "$work/p1" && on 2 "$tool" node start --prefix "$work/p2" &&
        on 1 "$tool" group online FG
} >"$work/make.txt" 2>&1
check $? "two hosts, their prefixes and services, and a group with failapp: $(tail -n 3 "$work/make.txt")"
[ "$failed" = 0 ] || finish
ms=$(wait_ms 60000 only_in 1)
check $((ms >= 60000)) "failapp runs in host 1's prefix: $(apps | tr '\n' ';')"
[ "$failed" = 0 ] || finish
if [ "$(up_seen_by 2 NH1)" = 1 ]; then check 0 ""; else check 1 "host 2 sees NH1 up before the cut"; fi

# Sample, every 50 ms, whether failapp runs in both prefixes at once.
rm -f "$work/stop" "$work/both"
( while [ ! -e "$work/stop" ]; do [ "$(apps | cut -d' ' -f2 | sort -u | wc -l)" -gt 1 ] && apps >>"$work/both"; sleep 0.05; done ) &
sampler=$!

ip link set "$(veth 1)" down
t0=$(now_ms)
down=$(wait_ms 30000 eval '[ "$(up_seen_by 2 NH1)" = 0 ]')
check $((down >= 30000)) "host 2 sees NH1 down after host 1's veth went down"
check $((down > (ttl + 3) * 1000)) "NH1 down for host 2 within the TTL ($ttl s) and a round: ${down} ms"
w=$(wait_ms 30000 only_in 2)
moved=$(( $(now_ms) - t0 ))
check $((w >= 30000)) "failapp runs only in host 2's prefix after the cut: $(apps | tr '\n' ';')"
if [ "$(owner_seen_by 2 FG)" = NH2 ]; then check 0 ""; else check 1 "host 2 sees FG on NH2: $(owner_seen_by 2 FG)"; fi
touch "$work/stop"; wait "$sampler"; sampler=
check "$([ -e "$work/both" ] && echo 1 || echo 0)" "failapp never ran in both prefixes at once: $(cat "$work/both" 2>/dev/null | tr '\n' ';')"

# Back on the network: host 1 is a node again; the group stays where it went.
ip link set "$(veth 1)" up
back=$(wait_ms 30000 eval '[ "$(up_seen_by 2 NH1)" = 1 ]')
check $((back >= 30000)) "host 2 sees NH1 up again after its veth came back"
sleep 2
if only_in 2 && [ "$(owner_seen_by 1 FG)" = NH2 ]; then check 0 ""; else check 1 "after the return: FG on $(owner_seen_by 1 FG) for host 1, failapp in $(apps | tr '\n' ';')"; fi
echo "figure etcd_cut_down_ms $down"
echo "figure etcd_cut_moved_ms $moved"
echo "figure etcd_cut_back_ms $back"
finish
