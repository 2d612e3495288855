#!/bin/sh
# Two Wine prefixes as two nodes of one store: a property SET through the
# control codes in one node's process is seen at once by a process of the
# other node, through the GET codes and ClusterRegQueryValue, on handles it
# opened before the SET, and heard by its notification port
# (tests/crossnode/crossnode.c).  Both ways round.
# Then the first node sees the second running while the second's cluster
# service runs (`wineclus node start`), and down once it is stopped or killed.
#
# Usage: tests/crossnode/run.sh WORKDIR, from the build top, with WINEPREFIX
# set up by `wineclus setup` as a node of the store $WINECLUS_STORE.  The
# second node's prefix is made in WORKDIR; the store gains a node XNODE2, a
# group XNG and a resource XNR.  Prints the failed checks, then
# "N passed, N failed".
set -u
work=$1
node1=$WINEPREFIX
node2=$work/prefix
passed=0
failed=0

check() {
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $2"; fi
}

# counts FILE: add the "N passed, N failed" a side printed.
counts() {
    set -- $(tr -d '\r' <"$1" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' | tail -n 1)
    if [ $# -eq 2 ]; then
        passed=$((passed + $1))
        failed=$((failed + $2))
    else
        failed=$((failed + 1))
    fi
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

rm -rf "$work"
mkdir -p "$work"
WINEPREFIX=$node2 ./wineclus setup --node XNODE2 >"$work/setup.txt" 2>&1
check $? "setup of the second node's prefix: $(tail -n 3 "$work/setup.txt")"
./wineclus group add XNG >"$work/tool.txt" 2>&1 &&
    ./wineclus resource add XNR --type "Generic Service" --group XNG >>"$work/tool.txt" 2>&1
check $? "the resource to share: $(tail -n 3 "$work/tool.txt")"
[ "$failed" -eq 0 ] || finish

# round N WRITER READER VALUE: the reader waits with open handles while the writer sets.
round() {
    n=$1 writer=$2 reader=$3 value=$4
    flag=$work/written-$n
    dos=Z:$(echo "$flag" | tr / '\\')
    WINEPREFIX=$reader ./wineclus run build/tests/crossnode.exe read XNR "$value" "$dos" >"$work/read-$n.txt" 2>&1 &
    pid=$!
    i=0
    while ! grep -q '^ready' "$work/read-$n.txt" 2>/dev/null && kill -0 "$pid" 2>/dev/null && [ "$i" -lt 1200 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    WINEPREFIX=$writer ./wineclus run build/tests/crossnode.exe write XNR "$value" >"$work/write-$n.txt" 2>&1
    check $? "round $n writer: $(tr -d '\r' <"$work/write-$n.txt" | grep -v '^ok' | tail -n 5)"
    touch "$flag"
    wait "$pid"
    check $? "round $n reader: $(tr -d '\r' <"$work/read-$n.txt" | tail -n 6)"
    counts "$work/write-$n.txt"
    counts "$work/read-$n.txt"
    w=$(tr -d '\r' <"$work/write-$n.txt" | sed -n 's/^node //p')
    r=$(tr -d '\r' <"$work/read-$n.txt" | sed -n 's/^node //p')
    [ -n "$w" ] && [ -n "$r" ] && [ "$w" != "$r" ]
    check $? "round $n: writer and reader are different nodes (node '$w', node '$r')"
}

round 1 "$node1" "$node2" "set on node one"
round 2 "$node2" "$node1" "then on node two"
WINEPREFIX=$node2 "${WINESERVER:-wineserver}" -k 2>/dev/null

# state N WANT: node one sees XNODE2 WANT (running or down).
state() {
    WINEPREFIX=$node1 ./wineclus run build/tests/crossnode.exe state XNODE2 "$2" >"$work/state-$1.txt" 2>&1
    check $? "state $1, XNODE2 $2: $(tr -d '\r' <"$work/state-$1.txt" | grep -v '^ok' | tail -n 5)"
    counts "$work/state-$1.txt"
}

state 1 down
./wineclus node start --prefix "$node2" >"$work/service.txt" 2>&1
check $? "start of XNODE2's cluster service: $(cat "$work/service.txt")"
state 2 running
./wineclus node stop XNODE2 >>"$work/service.txt" 2>&1
check $? "stop of XNODE2's cluster service: $(tail -n 2 "$work/service.txt")"
state 3 down
./wineclus node start XNODE2 >>"$work/service.txt" 2>&1
pid=$(./wineclus node status XNODE2 --json | sed -n 's/.*"pid": \([0-9][0-9]*\).*/\1/p')
state 4 running
[ -n "$pid" ] && kill -9 "$pid"
check $? "kill -9 of XNODE2's cluster service (pid '$pid')"
state 5 down
finish
