#!/bin/bash
# The tool on a cluster store on etcd (docs/etcd.md): two "hosts" are two
# replica folders of one cluster on a real etcd, started here.  What one
# host's tool does, the other's sees at once; a backup made on one host
# restores on the other.
#
# Usage: tests/tool/test_etcd.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

on_exit() { etcd_stop; }
. "$(dirname "$0")/checks.sh" "$@"
. "$(dirname "$0")/etcd.sh"
export WINECLUS_STORE=etcd://127.0.0.1:$ETCD_PORT/TOOLCLUS
on() { export WINECLUS_ETCD_REPLICA=$WORK/host$1; }

on A
expect 0 "init on host A" init --name ETC --node N1 --node N2
expect 0 "group add on host A" group add GA
on B
expect 0 "status on host B" status
out_has "host B sees host A's cluster" "Cluster:    ETC"
out_has "host B sees host A's group" "GA "
out_has "status names the etcd store" "Store:      $WINECLUS_STORE"
expect 0 "group add on host B" group add GB
mkdir -p "$WORK/set"
expect 0 "backup on host B" backup "$WORK/set"
on A
expect 0 "status on host A" status
out_has "host A sees host B's group" "GB "
expect 0 "another group on host A, after the backup" group add GC
expect 0 "restore of host B's set on host A" restore "$WORK/set" --force
on B
expect 0 "status on host B after the restore" status
if grep -q "GC " "$OUT"; then not_ok "host B still sees the group the restore removed"
else ok "host B sees the restored cluster at once"; fi
on C
expect 0 "a new host starts from etcd" status
out_has "host C sees the groups" "GB "

# store migrate: a folder's cluster onto etcd and back, each copy checked
# here by a backup of both stores, whose database files are their dumps.
same_dump() {   # DESCRIPTION STORE1 STORE2: backups of both hold the same database
    local a=$WORK/dump1 b=$WORK/dump2
    rm -rf "$a" "$b" && mkdir -p "$a" "$b"
    WINECLUS_STORE=$2 run backup "$a" && WINECLUS_STORE=$3 run backup "$b"
    if [ "$RC" = 0 ] && cmp -s "$a"/chk*.tmp "$b"/chk*.tmp; then ok "$1"
    else not_ok "$1: exit $RC, $(cmp "$a"/chk*.tmp "$b"/chk*.tmp 2>&1 | head -c 300)"; fi
}
FOLDER=$WORK/folder MIGURL=etcd://127.0.0.1:$ETCD_PORT/MIGCLUS
on M
WINECLUS_STORE=$FOLDER expect 0 "a folder store to migrate" init --name MIG --node M1 --node M2
WINECLUS_STORE=$FOLDER expect 0 "a group in it" group add MG1
WINECLUS_STORE=$FOLDER expect 0 "a registry value in it" registry set 'MG' V sz hello
expect 0 "store migrate folder -> etcd" store migrate "$FOLDER" "$MIGURL"
out_has "migrate says the copy was read back the same" "it is the same as in the original"
same_dump "the etcd store holds the folder's database exactly" "$FOLDER" "$MIGURL"
on N
WINECLUS_STORE=$MIGURL expect 0 "another host sees the migrated cluster" group list
out_has "the migrated group is there" "MG1"
WINECLUS_STORE=$MIGURL expect 0 "the migrated cluster works on etcd" group add MG2
failure 1 183 "a target that holds a cluster is refused" store migrate "$FOLDER" "$MIGURL"
WINECLUS_STORE=$MIGURL expect 0 "the refused target is untouched" group list
out_has "the refused target still has its own group" "MG2"
expect 0 "store migrate etcd -> a new folder" store migrate "$MIGURL" "$WORK/back" --json
json "migrate --json says verified" 'd["verified"] is True and d["cluster"] == "MIG" and d["to"].endswith("/back")'
same_dump "the folder holds the etcd store's database exactly" "$MIGURL" "$WORK/back"
failure 1 183 "a folder that holds a cluster is refused" store migrate "$MIGURL" "$FOLDER"
expect 0 "--force replaces the folder's cluster" store migrate "$MIGURL" "$FOLDER" --force
same_dump "the replaced folder holds the etcd store's database" "$MIGURL" "$FOLDER"
failure 1 10 "a relative TO is refused" store migrate "$FOLDER" rel/store
err_has "the refusal names TO" 'TO "rel/store" is not an absolute path'
failure 1 10 "a bad etcd URL is refused" store migrate "etcd://127.0.0.1/X" "$WORK/x"
failure 1 2 "a FROM without a cluster is refused" store migrate "$WORK/none" "$WORK/x"
if [ ! -e "$WORK/x" ]; then ok "refused migrations made no target"; else not_ok "a refused migration made $WORK/x"; fi
expect 2 "FROM and TO the same is a usage error" store migrate "$FOLDER" "$FOLDER"
# Checkpoint contents go too, both ways: the sets of both sides hold the same
# database and the same checkpoint files.
same_set() {   # DESCRIPTION STORE1 STORE2
    local a=$WORK/set1 b=$WORK/set2 f bad=
    rm -rf "$a" "$b" && mkdir -p "$a" "$b"
    WINECLUS_STORE=$2 run backup "$a" && WINECLUS_STORE=$3 run backup "$b"
    for f in $(cd "$a" && ls ./*/*.CPT chk*.tmp); do cmp -s "$a/$f" "$b/$f" || bad="$bad $f"; done
    if [ "$RC" = 0 ] && [ -z "$bad" ] && [ "$(cd "$a" && ls ./*/*.CPT | wc -l)" = 3 ]; then ok "$1"
    else not_ok "$1: exit $RC, differing:$bad"; fi
}
CONTURL=etcd://127.0.0.1:$ETCD_PORT/CONTCLUS
if build/tools/wineclus-gen -q "$WORK/contents" 3 3M 2>"$ERR"; then
    # A replica folder is one cluster's: another cluster's is refused, never taken for it.
    failure 1 10 "a replica folder of another cluster is refused" store migrate "$WORK/contents" "$CONTURL"
    err_has "the refusal names both clusters" "is cluster MIGCLUS's, not CONTCLUS's"
    on P
    expect 0 "a cluster with checkpoint contents migrates to etcd" store migrate "$WORK/contents" "$CONTURL"
    out_has "and reads back the same" "read back, it is the same"
    same_set "the etcd store's set holds the same database and checkpoint files" "$WORK/contents" "$CONTURL"
    on Q
    same_set "so does another host's, which fetches the contents from etcd" "$WORK/contents" "$CONTURL"
    expect 0 "and back from etcd to a new folder" store migrate "$CONTURL" "$WORK/contents2"
    same_set "the new folder's set holds the same database and checkpoint files" "$WORK/contents" "$WORK/contents2"
    on N
else not_ok "a store with checkpoint contents (wineclus-gen): $(head -c 300 "$ERR")"; fi

# Something planted in a replica folder under the mark's name is refused, not
# opened: a FIFO there used to block the open for good.
for kind in fifo link; do
    mkdir -p "$WORK/planted-$kind"
    if [ $kind = fifo ]; then mkfifo "$WORK/planted-$kind/etcd-cluster"
    else ln -s /etc/hostname "$WORK/planted-$kind/etcd-cluster"; fi
    WINECLUS_ETCD_REPLICA=$WORK/planted-$kind LIMIT=20 failure 1 1392 "a $kind as the replica mark is refused" status
done

# A store URL that cannot be right is refused before anything is made.
for bad in "etcd://127.0.0.1/TOOLCLUS" "etcd://127.0.0.1:$ETCD_PORT/" "etcds://h:1/a/b"; do
    WINECLUS_STORE=$bad run status
    if [ "$RC" = 1 ] && grep -q "error 10" "$ERR" && grep -qF "is not a valid etcd store URL" "$ERR"
    then ok "WINECLUS_STORE=$bad refused with 10"
    else not_ok "WINECLUS_STORE=$bad: exit $RC"; fi
done
# No etcd there: a clear failure, not a hang and not a folder.
WINECLUS_ETCD_REPLICA=$WORK/hostZ WINECLUS_STORE=etcd://127.0.0.1:$(etcd_free_port)/TOOLCLUS run status
if [ "$RC" = 1 ] && grep -q "does not answer" "$ERR"; then ok "an etcd that does not answer is said so"
else not_ok "status with no etcd: exit $RC"; fi

etcd_stop

# TLS with client certificates: only a client with the CA's certificate gets in.
unset WINECLUS_ETCD_REPLICA
if etcd_tls "$WORK/tls" 2>"$ERR" && etcd_start "$WORK/tls" tls 2>"$ERR"; then
    ok "an etcd that wants TLS and a client certificate"
    export WINECLUS_STORE=etcds://127.0.0.1:$ETCD_PORT/TLSCLUS WINECLUS_ETCD_REPLICA=$WORK/tlshost
    failure 1 5 "etcds:// without the CA is refused" status
    err_has "the refusal says why" "TLS refused: SSL certificate problem"
    export WINECLUS_ETCD_CACERT=$WORK/tls/ca.crt
    failure 1 4313 "etcds:// with the CA but no client certificate is refused" status
    err_has "the refusal names the variables for a client certificate" "WINECLUS_ETCD_CERT"
    export WINECLUS_ETCD_CERT=$WORK/tls/client.crt WINECLUS_ETCD_KEY=$WORK/tls/server.key
    failure 1 5 "etcds:// with a key that is not the certificate's is refused" status
    export WINECLUS_ETCD_KEY=$WORK/tls/client.key
    expect 0 "etcds:// with the CA and a client certificate" group add OVER_TLS
    out_has "the group is made over TLS" "OVER_TLS"
    WINECLUS_STORE=etcd://127.0.0.1:$ETCD_PORT/TLSCLUS run status
    if [ "$RC" = 1 ] && grep -q "error 4313" "$ERR"; then ok "plain HTTP to a TLS member gets nothing"
    else not_ok "plain HTTP to a TLS member: exit $RC"; fi
    unset WINECLUS_ETCD_CACERT WINECLUS_ETCD_CERT WINECLUS_ETCD_KEY
else
    not_ok "an etcd that wants TLS (openssl and etcd): $(cat "$ERR")"
fi

echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
