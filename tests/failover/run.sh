#!/bin/bash
# Failover with real Wine (issue 14, "Done when"): two prefixes set up as
# nodes FO1 and FO2 of a store of their own, both running their cluster
# service, and a group FG with an IP Address and a Generic Application whose
# CommandLine is build/tests/failapp.exe (installed in each prefix's C:).
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
top=$(pwd)
tool=$top/wineclus
WINESERVER=${WINESERVER:-wineserver}
LIMIT_MS=15000
passed=0
failed=0
services=

check() {
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $2"; fi
}
finish() {
    local n
    for n in 1 2; do
        [ -n "$(service_pid $n)" ] && "$tool" node stop "FO$n" >/dev/null 2>&1
    done
    for n in 1 2; do WINEPREFIX=$work/p$n "$WINESERVER" -k 2>/dev/null; done
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

rm -rf "$work"
mkdir -p "$work"
unset WINEPREFIX
export WINECLUS_STORE=$work/store WINEDEBUG=-all

# service_pid N: the pid of FO<N>'s running service, "" if none runs.
service_pid() {
    "$tool" node status "FO$1" --json 2>/dev/null |
        python3 -c 'import json, sys; n = json.load(sys.stdin)["nodes"][0]; print(n["pid"] if n["service_running"] else "")'
}
# apps: "PID PREFIX" per live failapp process of this test's prefixes.
apps() {
    local p env
    for p in $(pgrep -f 'failapp\\failapp\.exe'); do
        grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null && continue
        env=$(tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | sed -n 's/^WINEPREFIX=//p')
        case $env in "$work"/p[12]) echo "$p $env" ;; esac
    done
}
# snapshot FILE: the cluster registry (every object's key with its names,
# type, dependencies, members and properties: what the failover must not
# lose) without the networks and interfaces (taken from each node's host when
# a program of its prefix first opens the cluster, as the checkpoint helper
# does when the application first starts there), the checkpoint list, and a
# digest of every checkpoint's contents as a backup set holds them.  States,
# owners and the log, which a failover changes, are no registry values.
snapshot() {
    local set=$work/set.$$
    rm -rf "$set" && mkdir -p "$set" && "$tool" backup "$set" >/dev/null 2>&1 || { echo "backup failed" >"$1"; return; }
    "$tool" registry export 2>&1 | awk '
        /^\["/ { skip = ($0 ~ /^\["(Networks|NetworkInterfaces)\\\\/) }
        !skip { print }' >"$1"
    "$tool" checkpoint list >>"$1" 2>&1
    (cd "$set" && find . -name '*.CPT' | sort | xargs -r md5sum) >>"$1"
    rm -rf "$set"
}
# online_on NODE: FG online, owned by NODE.
online_on() {
    "$tool" group show FG --json 2>/dev/null |
        python3 -c 'import json, sys; g = json.load(sys.stdin)["group"]; sys.exit(g["owner"] != sys.argv[1] or g["state"] != "online")' "$1"
}
# running_in N: failapp wrote C:\failapp.txt in FO<N>'s prefix as FO<N>, and runs there.
running_in() {
    [ "$(cut -d' ' -f1 "$work/p$1/drive_c/failapp.txt" 2>/dev/null)" = "FO$1" ] &&
        apps | grep -q " $work/p$1\$"
}

for n in 1 2; do
    WINEPREFIX=$work/p$n "$tool" setup --node "FO$n" >"$work/setup$n.txt" 2>&1
    check $? "setup of FO$n's prefix: $(tail -n 3 "$work/setup$n.txt")"
    mkdir -p "$work/p$n/drive_c/failapp" && cp build/tests/failapp.exe "$work/p$n/drive_c/failapp/"
    check $? "failapp.exe installed in FO$n's prefix"
done
{
    "$tool" group add FG --owner FO1 &&
        "$tool" resource add FIP --type "IP Address" --group FG &&
        "$tool" resource add FAPP --type "Generic Application" --group FG --json >"$work/app.json" &&
        app=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$work/app.json") &&
        "$tool" registry set "Resources\\$app\\Parameters" CommandLine sz 'C:\failapp\failapp.exe "failover test"' &&
        "$tool" registry set "Resources\\$app\\Parameters" CurrentDirectory sz 'C:\failapp' &&
        "$tool" checkpoint add FAPP 'SOFTWARE\WineclusFailover' &&
        "$tool" node start --prefix "$work/p1" && "$tool" node start --prefix "$work/p2" &&
        "$tool" group online FG
} >"$work/make.txt" 2>&1
check $? "the group, its resources and both services: $(tail -n 3 "$work/make.txt")"
[ "$failed" -eq 0 ] || finish
i=0
while ! { online_on FO1 && running_in 1; } && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
check $((i >= 300)) "FG online on FO1 with failapp in FO1's prefix: $(cat "$work/p1/drive_c/failapp.txt" 2>&1)"
[ "$failed" -eq 0 ] || finish

times=
owner=1
for r in $(seq "$rounds"); do
    other=$((3 - owner))
    snapshot "$work/before"
    rm -f "$work/p$other/drive_c/failapp.txt"
    victim=$(service_pid $owner)
    # The sampler: every 50 ms, in how many prefixes failapp runs.
    rm -f "$work/stop"
    (
        samples=0
        while [ ! -e "$work/stop" ]; do
            [ "$(apps | cut -d' ' -f2 | sort -u | wc -l)" -gt 1 ] && apps >>"$work/both"
            samples=$((samples + 1))
            sleep 0.05
        done
        echo "$samples" >"$work/samples"
    ) &
    sampler=$!
    t0=$(now_ms)
    kill -9 "$victim"
    while ! { running_in $other && online_on "FO$other"; } && [ $(($(now_ms) - t0)) -lt $LIMIT_MS ]; do sleep 0.1; done
    ms=$(($(now_ms) - t0))
    touch "$work/stop"
    wait "$sampler"
    check $((ms >= LIMIT_MS)) "round $r: kill -9 of FO$owner's service (pid $victim): FG online on FO$other, failapp in its prefix, within 15 s (${ms} ms)"
    check "$([ -e "$work/both" ] && echo 1 || echo 0)" "round $r: failapp never ran in both prefixes at once ($(cat "$work/samples") samples): $(cat "$work/both" 2>/dev/null | tr '\n' ';')"
    rm -f "$work/both"
    live=$(apps)
    [ "$(echo "$live" | grep -c .)" = 1 ] && echo "$live" | grep -q " $work/p$other\$"
    check $? "round $r: exactly one failapp, in FO$other's prefix: $(echo "$live" | tr '\n' ';')"
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
if [ -n "$times" ]; then
    set -- $(echo "$times" | tr ' ' '\n' | grep . | sort -n)
    echo "figure failover_rounds $#"
    echo "figure failover_median_ms $(eval echo "\${$((($# + 1) / 2))}")"
    echo "figure failover_max_ms $(eval echo "\${$#}")"
fi
finish
