#!/bin/bash
# Generic Service with real Wine: a prefix set up as node GS1 of a store of
# its own, its cluster service running, and a Generic Service resource for
# Wine's own print spooler service (ServiceName Spooler, spoolsv.exe, which
# every Wine prefix has).  Checked: online starts the Windows service in the
# prefix (sc query says RUNNING), `sc stop` of it from a program of the prefix
# fails the resource, offline stops it, and so does the cluster service's stop.
#
# Usage: tests/genericsvc/run.sh WORKDIR, from the build top.
# Prints "not ok" lines for failures, then "N passed, N failed".
set -u
work=$1
tool=$(pwd)/wineclus
WINELOADER=${WINELOADER:-wine64}
WINESERVER=${WINESERVER:-wineserver}
passed=0
failed=0

check() {
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $2"; fi
}
finish() {
    "$tool" node stop GS1 >/dev/null 2>&1
    "$WINESERVER" -k 2>/dev/null
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
# until SECONDS COMMAND...: COMMAND succeeds within SECONDS.
until_ok() {
    local i=0 limit=$(($1 * 10))
    shift
    until "$@"; do
        i=$((i + 1))
        [ "$i" -ge "$limit" ] && return 1
        sleep 0.1
    done
}
res_is() {
    "$tool" resource list --json 2>/dev/null |
        python3 -c 'import json, sys; sys.exit([r["state"] for r in json.load(sys.stdin)["resources"] if r["name"] == "SPOOL"] != [sys.argv[1]])' "$1"
}
# spooler STATE: `sc query Spooler` in the prefix says STATE (RUNNING, STOPPED).
spooler() { "$WINELOADER" sc query Spooler 2>/dev/null | grep -q "STATE *: [0-9]  *$1"; }

rm -rf "$work"
mkdir -p "$work"
export WINEPREFIX=$work/prefix WINECLUS_STORE=$work/store WINEDEBUG=-all WINELOADER WINESERVER
"$tool" setup --node GS1 >"$work/setup.txt" 2>&1
check $? "setup of GS1's prefix: $(tail -n 3 "$work/setup.txt")"
{
    "$tool" group add SG --owner GS1 &&
        "$tool" resource add SPOOL --type "Generic Service" --group SG --json >"$work/res.json" &&
        id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$work/res.json") &&
        "$tool" registry set "Resources\\$id\\Parameters" ServiceName sz Spooler &&
        "$tool" node start --prefix "$WINEPREFIX" &&
        "$tool" group online SG
} >"$work/make.txt" 2>&1
check $? "the group, the resource and GS1's service: $(tail -n 3 "$work/make.txt")"
[ "$failed" -eq 0 ] || finish
until_ok 30 res_is online && until_ok 30 spooler RUNNING
check $? "online: SPOOL online and Spooler RUNNING in the prefix"
"$WINELOADER" sc stop Spooler >/dev/null 2>&1
until_ok 30 res_is failed
check $? "sc stop Spooler: the resource fails"
"$tool" group offline SG >/dev/null 2>&1 && "$tool" group online SG >/dev/null 2>&1 &&
    until_ok 30 res_is online && until_ok 30 spooler RUNNING
check $? "online again: Spooler RUNNING"
"$tool" group offline SG >/dev/null 2>&1 && until_ok 30 spooler STOPPED
check $? "offline: Spooler STOPPED"
"$tool" group online SG >/dev/null 2>&1 && until_ok 30 res_is online && until_ok 30 spooler RUNNING
check $? "online a third time: Spooler RUNNING"
"$tool" node stop GS1 >/dev/null 2>&1 && spooler STOPPED
check $? "node stop GS1: Spooler STOPPED"
grep -q "resource SPOOL: online, service Spooler watched by process" "$WINECLUS_STORE/nodes/1.log"
check $? "the service's log names the watcher"
[ "$(grep -c "service Spooler: stopped (status 0)" "$WINECLUS_STORE/nodes/1.log")" = 2 ]
check $? "the log has both stops done by clussvcctl stop (offline, node stop)"
finish
