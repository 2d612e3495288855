# Sourced by the real-Wine tests of two nodes (tests/failover/lib.sh,
# tests/ckptkeep/run.sh): their counting, their end, and a fresh WORKDIR
# with a store of its own.  Set before sourcing: work (the folder), tool
# (the wineclus binary), nodes (the two node names' stem: FO makes FO1
# and FO2, whose prefixes are $work/p1 and $work/p2).
WINESERVER=${WINESERVER:-wineserver}
passed=0
failed=0

check() {
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $2"; fi
}
# service_pid N: the pid of node N's running service, "" if none runs.
service_pid() {
    "$tool" node status "$nodes$1" --json 2>/dev/null |
        python3 -c 'import json, sys; n = json.load(sys.stdin)["nodes"][0]; print(n["pid"] if n["service_running"] else "")'
}
# Both services stopped, both prefixes' wineservers ended, the counts, the exit.
finish() {
    local n
    [ -n "${sampler:-}" ] && { touch "$work/stop"; wait "$sampler"; }
    for n in 1 2; do
        [ -n "$(service_pid $n)" ] && "$tool" node stop "$nodes$n" >/dev/null 2>&1
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
