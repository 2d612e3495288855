#!/bin/bash
# Registry checkpoints kept as Windows keeps them (issue 14 item 4), with
# real Wine: two prefixes set up as nodes CK1 and CK2 of a store of their
# own, both running their cluster service, and a group KG with a Generic
# Application (build/tests/failapp.exe) whose registry checkpoint is
# HKLM\SOFTWARE\WineclusKeep.  Values are set with reg.exe in a node's
# prefix; "stored" means the store's contents of the checkpoint carry the
# value (read from the store's files, as a backup would write them).
#   1. a change on the owner while online is stored: SAMPLES changes, each
#      timed from reg.exe's exit until it is stored (p50 and max printed);
#   2. a move: the last change is in the new owner's registry when the
#      application starts there;
#   3. a change on the new owner is stored, and the old owner's stale copy
#      (changed there after the move, too) never overwrites it;
#   4. kill -9 of the owner's service: the last change stored before it
#      reaches the node the group fails over to;
#   5. offline: a change made just before the group goes offline is stored,
#      one made after it is not, and the next online puts the stored
#      contents back into the node's registry.
#
# Usage: tests/ckptkeep/run.sh WORKDIR SAMPLES, from the build top.
# Prints "figure ckpt_store_p50_ms N", "figure ckpt_store_max_ms N",
# then "N passed, N failed".
set -u
work=$1 samples=$2
top=$(pwd)
tool=$top/wineclus
STORE_LIMIT_MS=5000
KEY='HKLM\SOFTWARE\WineclusKeep'
nodes=CK
. "$top/tests/failover/twonodes.sh"

# set_on N VALUE: V = VALUE in CK<N>'s registry.
set_on() { WINEPREFIX=$work/p$1 "$tool" run reg add "$KEY" /v V /t REG_SZ /d "$2" /f >/dev/null 2>&1; }
# value_on N: V as CK<N>'s registry holds it.
value_on() {
    WINEPREFIX=$work/p$1 "$tool" run reg query "$KEY" /v V 2>/dev/null | sed -n 's/^ *V *REG_SZ *//p' | tr -d '\r'
}
# stored VALUE: the store's contents of the checkpoint hold V = VALUE.
stored() {
    python3 - "$WINECLUS_STORE" "$1" <<'EOF'
import os, sqlite3, sys
store, value = sys.argv[1:]
db = sqlite3.connect('file:%s/cluster.db?mode=ro' % store, uri=True, timeout=5)
row = db.execute("SELECT sha256 FROM ckpt_data WHERE key = 'SOFTWARE\\WineclusKeep'").fetchone()
if not row: sys.exit(1)
data = open(os.path.join(store, 'contents', row[0].hex()), 'rb').read()
# 'V', the name's length and name, REG_SZ, the size, then the data.
name = 'V'.encode('utf-16-le')
want = (value + '\0').encode('utf-16-le')
rec = b'V' + (1).to_bytes(4, 'little') + name + (1).to_bytes(4, 'little') + len(want).to_bytes(4, 'little') + want
sys.exit(0 if rec in data else 1)
EOF
}
# wait_stored VALUE LIMIT_MS: ms until stored, or LIMIT_MS.
wait_stored() {
    local t0
    t0=$(now_ms)
    while ! stored "$1" && [ $(($(now_ms) - t0)) -lt "$2" ]; do sleep 0.05; done
    echo $(($(now_ms) - t0))
}
# running_on N: KG online on CK<N>, failapp running there (after its checkpoints were applied).
running_on() {
    "$tool" group show KG --json 2>/dev/null |
        python3 -c 'import json, sys; g = json.load(sys.stdin)["group"]; sys.exit(g["owner"] != sys.argv[1] or g["state"] != "online")' "CK$1" &&
        [ "$(cut -d' ' -f1 "$work/p$1/drive_c/failapp.txt" 2>/dev/null)" = "CK$1" ]
}
wait_running_on() {
    local i=0
    while ! running_on "$1" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    [ $i -lt 300 ]
}
offline() {
    "$tool" group show KG --json 2>/dev/null | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["group"]["state"] != "offline")'
}

for n in 1 2; do
    (WINEPREFIX=$work/p$n "$tool" setup --node "CK$n" >"$work/setup$n.txt" 2>&1; echo $? >"$work/setup$n.rc") &
done
wait
for n in 1 2; do
    check "$(cat "$work/setup$n.rc")" "setup of CK$n's prefix: $(tail -n 3 "$work/setup$n.txt")"
    mkdir -p "$work/p$n/drive_c/failapp" && cp build/tests/failapp.exe "$work/p$n/drive_c/failapp/"
    check $? "failapp.exe installed in CK$n's prefix"
done
{
    "$tool" group add KG --owner CK1 &&
        "$tool" resource add KAPP --type "Generic Application" --group KG --json >"$work/app.json" &&
        app=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$work/app.json") &&
        "$tool" registry set "Resources\\$app\\Parameters" CommandLine sz 'C:\failapp\failapp.exe keep' &&
        "$tool" checkpoint add KAPP 'SOFTWARE\WineclusKeep' &&
        "$tool" node start --prefix "$work/p1" && "$tool" node start --prefix "$work/p2" &&
        "$tool" group online KG
} >"$work/make.txt" 2>&1
check $? "the group, its application, its checkpoint and both services: $(tail -n 3 "$work/make.txt")"
[ "$failed" -eq 0 ] || finish
wait_running_on 1
check $? "KG online on CK1 with failapp running there"
[ "$failed" -eq 0 ] || finish

# 1. Changes while online reach the store.
times=
for i in $(seq "$samples"); do
    set_on 1 "online-$i"
    check $? "reg add on CK1 (sample $i)"
    ms=$(wait_stored "online-$i" $STORE_LIMIT_MS)
    check $((ms >= STORE_LIMIT_MS)) "sample $i: a change on CK1 while online is stored within $STORE_LIMIT_MS ms ($ms ms)"
    times="$times $ms"
done
set -- $(echo "$times" | tr ' ' '\n' | grep . | sort -n)
echo "change -> stored, ms:$times"
echo "figure ckpt_store_samples $#"
echo "figure ckpt_store_p50_ms $(eval echo "\${$((($# + 1) / 2))}")"
echo "figure ckpt_store_max_ms $(eval echo "\${$#}")"

# 2. A move: the new owner's application starts with the last change.
rm -f "$work/p2/drive_c/failapp.txt"
"$tool" group move KG --to CK2 >"$work/move.txt" 2>&1
check $? "group move KG --to CK2: $(cat "$work/move.txt")"
wait_running_on 2
check $? "KG online on CK2 with failapp running there"
v=$(value_on 2)
[ "$v" = "online-$samples" ]
check $? "after the move CK2's registry holds the last change of CK1 (online-$samples): '$v'"

# 3. The new owner's change is stored; the old owner's stale copy never overwrites it.
set_on 2 after-move && set_on 1 stale-on-ck1
check $? "reg add on CK2 and on CK1"
ms=$(wait_stored after-move $STORE_LIMIT_MS)
check $((ms >= STORE_LIMIT_MS)) "a change on CK2 after the move is stored ($ms ms)"
# Sampled for 2.5 s (the keepers run once a second): never CK1's copy.
seen=0 t0=$(now_ms)
while [ $(($(now_ms) - t0)) -lt 2500 ]; do
    stored stale-on-ck1 && seen=$((seen + 1))
    sleep 0.05
done
check $seen "CK1's stale copy never reaches the store after the move (seen $seen times in 2.5 s)"
stored after-move
check $? "2.5 s later the store still holds CK2's change"

# 4. kill -9 of CK2's service: the group fails over to CK1 with CK2's last stored change.
set_on 2 before-kill
ms=$(wait_stored before-kill $STORE_LIMIT_MS)
check $((ms >= STORE_LIMIT_MS)) "a change on CK2 is stored before the kill ($ms ms)"
rm -f "$work/p1/drive_c/failapp.txt"
kill -9 "$(service_pid 2)"
wait_running_on 1
check $? "after kill -9 of CK2's service KG is online on CK1 with failapp running there"
v=$(value_on 1)
[ "$v" = before-kill ]
check $? "CK1's registry holds CK2's last change (before-kill), not its own stale copy: '$v'"
"$tool" node start --prefix "$work/p2" >"$work/restart.txt" 2>&1
check $? "CK2's service starts again: $(cat "$work/restart.txt")"

# 5. Offline saves the last change; after it nothing is saved; online applies.
set_on 1 last-before-offline && "$tool" group offline KG >"$work/offline.txt" 2>&1
check $? "reg add on CK1, then group offline KG: $(cat "$work/offline.txt")"
i=0
while ! offline && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
ms=$(wait_stored last-before-offline $STORE_LIMIT_MS)
check $((ms >= STORE_LIMIT_MS)) "the change made just before the offline is stored ($ms ms after the group went offline)"
set_on 1 after-offline
sleep 2.5
stored last-before-offline
check $? "a change on CK1 while KG is offline is not stored"
rm -f "$work/p1/drive_c/failapp.txt"
"$tool" group online KG >"$work/online.txt" 2>&1
check $? "group online KG: $(cat "$work/online.txt")"
wait_running_on 1
check $? "KG online on CK1 again"
v=$(value_on 1)
[ "$v" = last-before-offline ]
check $? "the online put the stored contents back into CK1's registry: '$v'"
finish
