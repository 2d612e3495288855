#!/bin/sh
# A 32-bit and a 64-bit program of one prefix on one store at once: the two
# builds of tests/bitness/crossbackup.c, started together, each creating a
# group and backing the cluster up into a set of its own every round.  Then
# every set is restored into a scratch store (a restore checks the whole set
# before it changes anything) and must hold the groups its writer had created
# by then, and at least as many of the other side's as the writer had seen
# before that backup.
#
# Usage: tests/bitness/cross.sh WORKDIR, from the build top, with WINEPREFIX
# set up by `wineclus setup` and emulating Server 2003.  CROSS_ROUNDS: rounds
# per side (50).  Prints the failed checks, then "N passed, N failed".
set -u
work=$1
rounds=${CROSS_ROUNDS:-50}
sets=$work/sets
passed=0
failed=0

check() {
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $2"; fi
}

rm -rf "$work"
mkdir -p "$sets"
# Wine maps the host root as Z:.
dos=Z:$(echo "$sets" | tr / '\\')

./wineclus run build/tests/crossbackup.exe x64 x86 "$rounds" "$dos" >"$work/x64.out" 2>&1 &
pid=$!
./wineclus run build/tests/crossbackup32.exe x86 x64 "$rounds" "$dos" >"$work/x86.out" 2>&1
rc32=$?
wait "$pid"
rc64=$?
for side in x64 x86; do tr -d '\r' <"$work/$side.out" >"$work/$side.txt"; done
check "$rc64" "64-bit side (exit $rc64): $(tail -n 3 "$work/x64.txt")"
check "$rc32" "32-bit side (exit $rc32): $(tail -n 3 "$work/x86.txt")"
tail -n 1 "$work/x64.txt"
tail -n 1 "$work/x86.txt"

# The scratch store is a cluster whose node is the sets' first node, as a
# restore is made on a node of the set (5052 otherwise).
node=$(./wineclus node list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["nodes"][0]["name"])')
for side in x64 x86; do
    if [ "$side" = x64 ]; then other=x86; else other=x64; fi
    seen_before=0
    i=0
    while [ "$i" -lt "$rounds" ]; do
        n=$(printf %03d "$i")
        rm -rf "$work/scratch"
        if WINECLUS_STORE=$work/scratch ./wineclus init --node "$node" >"$work/restore.txt" 2>&1 &&
           WINECLUS_STORE=$work/scratch ./wineclus restore "$sets/$side-$n" --force --as-cluster >"$work/restore.txt" 2>&1 &&
           WINECLUS_STORE=$work/scratch ./wineclus group list >"$work/groups.txt" 2>&1; then
            own=$(grep -c "^xb-$side-round-" "$work/groups.txt")
            theirs=$(grep -c "^xb-$other-round-" "$work/groups.txt")
            [ "$own" -eq $((i + 1)) ] && [ "$theirs" -ge "$seen_before" ]
            check $? "set $side-$n holds $own of its side's groups (want $((i + 1))) and $theirs of the other's (want $seen_before or more)"
        else
            check 1 "set $side-$n does not restore: $(cat "$work/restore.txt")"
        fi
        seen_before=$(sed -n "s/^$side $n saw \([0-9]*\)$/\1/p" "$work/$side.txt")
        seen_before=${seen_before:-0}
        i=$((i + 1))
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
