#!/bin/bash
# A backup's registry checkpoints open in hivexsh (issue 15): each
# <GUID>\NNNNNNNN.CPT of a set is a hive whose values are the checkpointed
# key's, as the store holds them.
#
# Usage: tests/tool/test_cpthive.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

on_exit() { :; }
. "$(dirname "$0")/checks.sh" "$@"
command -v hivexsh >/dev/null || { not_ok "hivexsh is needed (Debian package libhivex-bin)"; echo "$npass passed, $nfail failed"; exit 1; }
[ -x build/tools/wineclus-gen ] || { not_ok "build/tools/wineclus-gen is built (make check builds it)"; echo "$npass passed, $nfail failed"; exit 1; }
export WINECLUS_STORE=$WORK/store
# Three resources with a registry checkpoint each: REG_BINARY values v0000000, ...
build/tools/wineclus-gen -q "$WORK/store" 3 60K >"$OUT" 2>"$ERR" || not_ok "wineclus-gen: $(cat "$ERR")"
mkdir "$WORK/set"
expect 0 "a backup with three registry checkpoints" backup "$WORK/set"
printf 'lsval\n' >"$WORK/script"
n=0
for f in "$WORK"/set/*/*.CPT; do
    n=$((n + 1))
    if hivexsh -f "$WORK/script" "$f" >"$OUT" 2>"$ERR"; then ok "hivexsh opens ${f#$WORK/set/}"
    else not_ok "hivexsh cannot open ${f#$WORK/set/}: $(cat "$ERR")"; continue; fi
    vals=$(grep -c '^"v[0-9]\{7\}"=hex(3):' "$OUT")
    if [ "$vals" -gt 0 ] && [ "$vals" = "$(grep -c . "$OUT")" ]; then ok "it shows the key's $vals REG_BINARY values"
    else not_ok "${f#$WORK/set/}: $vals values of the generator's among: $(head -c 200 "$OUT")"; fi
done
if [ "$n" = 3 ]; then ok "the set has the three .CPT files"; else not_ok "the set has $n .CPT files"; fi
# The bytes hivexsh shows are the checkpoint's: the first value of the first
# file against the store's copy of the same checkpoint, through a restore
# into a store of its own and a second backup (byte for byte the same file).
first=$(ls "$WORK"/set/*/*.CPT | head -n 1)
export WINECLUS_STORE=$WORK/store2
node=$(WINECLUS_STORE=$WORK/store ./wineclus node list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["nodes"][0]["name"])')
./wineclus init --name OTHER --node "$node" >/dev/null 2>&1
expect 0 "the set restored into another store" restore "$WORK/set" --as-cluster --force
mkdir "$WORK/set2"
expect 0 "backed up again" backup "$WORK/set2"
if cmp -s "$first" "$WORK/set2/${first#$WORK/set/}"; then ok "the checkpoint hive comes back byte for byte"
else not_ok "the checkpoint hive differs after a restore and a backup"; fi
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
