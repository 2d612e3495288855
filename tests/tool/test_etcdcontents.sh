#!/bin/bash
# Checkpoint contents of a cluster on etcd (docs/etcd.md, "Contents"): a set
# with registry checkpoints (one of them larger than a piece) restored on
# host A is backed up on host B, which fetches the contents from etcd: the
# same bytes.  Contents damaged or missing in etcd are refused, naming
# them, and leave no set that looks whole.
#
# Usage: tests/tool/test_etcdcontents.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

on_exit() { etcd_stop; }
. "$(dirname "$0")/checks.sh" "$@"
. "$(dirname "$0")/etcd.sh"
[ -x build/tools/wineclus-gen ] || { not_ok "build/tools/wineclus-gen is built (make check builds it)"; echo "$npass passed, $nfail failed"; exit 1; }
ctl() { ETCDCTL_API=3 etcdctl --endpoints="127.0.0.1:$ETCD_PORT" "$@"; }
URL=etcd://127.0.0.1:$ETCD_PORT/CONTENTS
on() { export WINECLUS_STORE=$URL WINECLUS_ETCD_REPLICA=$WORK/host$1; }

# A folder store with 4 resources' checkpoints of 1.5 MB each (two pieces).
export WINECLUS_STORE=$WORK/folder
build/tools/wineclus-gen -q "$WORK/folder" 4 6M >"$OUT" 2>"$ERR" || not_ok "wineclus-gen"
mkdir "$WORK/set0"
expect 0 "a set with registry checkpoints, from a folder store" backup "$WORK/set0"
node=$(./wineclus node list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["nodes"][0]["name"])')

on A
expect 0 "a cluster on etcd" init --name CONTENTS --node "$node"
expect 0 "the set restored on host A (its contents go to etcd)" restore "$WORK/set0" --as-cluster --force
n=$(ctl get --prefix /CONTENTS/contents/ --keys-only | grep -c '/size$')
if [ "$n" = 4 ]; then ok "etcd holds the 4 contents, each marked whole"; else not_ok "etcd holds $n contents marked whole"; fi
n=$(ctl get --prefix /CONTENTS/contents/ --keys-only | grep -c '/00000001$')
if [ "$n" = 4 ]; then ok "each 1.5 MB contents is in two pieces"; else not_ok "$n contents have a second piece"; fi

on B
mkdir "$WORK/setB"
expect 0 "a backup on host B, which has none of the contents" backup "$WORK/setB"
same=0
for f in $(cd "$WORK/set0" && ls ./*/*.CPT); do cmp -s "$WORK/set0/$f" "$WORK/setB/$f" && same=$((same + 1)); done
if [ "$same" = 4 ]; then ok "host B's set holds the same 4 checkpoint files"; else not_ok "$same of 4 checkpoint files the same"; fi
expect 0 "host B's set verifies" verify "$WORK/setB"

# Damage in etcd: one piece changed, one contents' mark removed.
keys=$(ctl get --prefix /CONTENTS/contents/ --keys-only | grep '/size$' | sed 's|/size$||')
k1=$(echo "$keys" | sed -n 1p) k2=$(echo "$keys" | sed -n 2p)
ctl put "$k1/00000001" "not what was there" >/dev/null
on C
mkdir "$WORK/setC"
failure 1 1392 "a backup on host C with a piece damaged in etcd" backup "$WORK/setC"
err_has "the refusal names the contents" "$(basename "$k1") in etcd"
if [ -e "$WORK/setC/Clusbackup.dat" ]; then not_ok "the failed backup left a marker"; else ok "the failed backup left no marker"; fi
ctl del "$k1/size" >/dev/null
ctl del "$k2/size" >/dev/null
on D
rm -rf "$WORK/setD"; mkdir "$WORK/setD"
failure 1 1392 "a backup on host D with contents' marks gone from etcd" backup "$WORK/setD"
err_has "the refusal says the contents are nowhere" "are in neither this host's replica"
on B
rm -rf "$WORK/setB2"; mkdir "$WORK/setB2"
expect 0 "host B, which fetched them before, still backs up" backup "$WORK/setB2"
# A change larger than one etcd request (the restore of 2000 resources):
# its changeset goes in pieces, the log names them, other hosts apply it.
export WINECLUS_STORE=$WORK/big
build/tools/wineclus-gen -q "$WORK/big" 2000 2M >"$OUT" 2>"$ERR" || not_ok "wineclus-gen of 2000 resources"
mkdir "$WORK/bigset"
expect 0 "a set of 2000 resources" backup "$WORK/bigset"
export WINECLUS_STORE=${URL%/*}/BIG WINECLUS_ETCD_REPLICA=$WORK/bigA
expect 0 "a second cluster on the same etcd" init --name BIG --node "$node"
expect 0 "the 2000 resources restored onto it (one change, too large for one request)" restore "$WORK/bigset" --as-cluster --force
n=$(ctl get --prefix /BIG/changes/ --keys-only | grep -c '/size$')
if [ "$n" = 1 ]; then ok "the change is in etcd in pieces"; else not_ok "$n changes in pieces in etcd"; fi
export WINECLUS_ETCD_REPLICA=$WORK/bigB
expect 0 "another host lists the resources" resource list --json
json "it sees the 2000 resources (and the cluster's own)" 'len([r for r in d["resources"] if r["name"].startswith("Resource ")]) == 2000'
piece=$(ctl get --prefix /BIG/changes/ --keys-only | grep '/00000000$')
ctl put "$piece" "damaged" >/dev/null
export WINECLUS_ETCD_REPLICA=$WORK/bigC
failure 1 1392 "a new host with a piece of the change damaged in etcd" status
err_has "the refusal names the change" "change $(basename "$(dirname "$piece")")"
etcd_stop
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
