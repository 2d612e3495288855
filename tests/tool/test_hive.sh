#!/bin/bash
# The backup's chk????.tmp as a registry hive (docs/backup-format.md), seen
# with the tools a Linux administrator has for hives: hivexsh (Debian
# libhivex-bin) shows the cluster's groups and resources in a set, and a
# hive written with hivexsh from Microsoft's documented layout alone (keys
# and values, no Wineclus key) restores as a cluster with the documented
# defaults.
#
# Usage: tests/tool/test_hive.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

on_exit() { :; }
. "$(dirname "$0")/checks.sh" "$@"
. "$(dirname "$0")/hivecheck.sh"

# The manifest made to list chk's new size and digest, then sealed again.
reseal() {
    local dir=$1 chk size sha
    chk=$(cd "$dir" && ls chk*.tmp)
    size=$(stat -c %s "$dir/$chk")
    sha=$(sha256sum <"$dir/$chk" | cut -d' ' -f1)
    awk -v f="$chk" -v s="$size" -v h="$sha" '$1 == "sha256" { next } $1 == "file" && $2 == f { $3 = s; $4 = h } { print }' \
        "$dir/wineclus.sum" >"$WORK/sum"
    printf 'sha256 %s\n' "$(sha256sum <"$WORK/sum" | cut -d' ' -f1)" >>"$WORK/sum"
    chmod u+w "$dir/wineclus.sum"
    cp "$WORK/sum" "$dir/wineclus.sum"
}

# A REG_MULTI_SZ of the arguments for hivexsh: hex:7: and UTF-16LE bytes.
multi() {
    python3 -c 'import sys; b = "".join(a + "\0" for a in sys.argv[1:]).encode("utf-16-le") + b"\0\0"; print("hex:7:" + ",".join("%02x" % c for c in b))' "$@"
}

# ------------------------------------------------------------ hivexsh reads a set
expect 0 "init" init --name HIVECLUS --node HNODE
expect 0 "group add" group add "Web Group"
expect 0 "resource add" resource add "Web Service" --type "Generic Service" --group "Web Group"
expect 0 "resource add" resource add "Web Disk" --type "Generic Service" --group "Web Group"
expect 0 "registry set a private property" registry set "Resources\\$(./wineclus resource show 'Web Service' --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')\\Parameters" ServiceName sz spooler
expect 0 "registry set a value of an application" registry set "MyApp\\Settings" Count dword 7
BK=$WORK/set
mkdir "$BK"
expect 0 "backup" backup "$BK"
CHK=$(cd "$BK" && ls chk*.tmp)

if head -c 4 "$BK/$CHK" | grep -q '^regf$'; then ok "$CHK starts with regf"; else not_ok "$CHK is no registry hive"; fi
hsh "$BK/$CHK" <<'EOF'
lsval
EOF
if [ $? = 0 ]; then ok "hivexsh opens $CHK"; else not_ok "hivexsh cannot open $CHK: $(cat "$ERR")"; fi
out_has "hivexsh: the root holds ClusterName" '"ClusterName"="HIVECLUS"'

names_under() {
    local class=$1 key
    hsh "$BK/$CHK" <<EOF
cd $class
ls
EOF
    for key in $(cat "$OUT"); do
        printf 'cd \\%s\\%s\nlsval\n' "$class" "$key"
    done >"$WORK/each"
    hsh "$BK/$CHK" <"$WORK/each"
}
names_under Groups
out_has "hivexsh shows the group by its name" '"Name"="Web Group"'
out_has "hivexsh shows the core group" '"Name"="Cluster Group"'
out_has "hivexsh shows a group's resources (Contains)" '"Contains"=hex(7)'
names_under Resources
out_has "hivexsh shows the resource by its name" '"Name"="Web Service"'
out_has "hivexsh shows the other resource" '"Name"="Web Disk"'
out_has "hivexsh shows a resource's type" '"Type"="Generic Service"'
out_has "hivexsh shows the quorum resource" '"Name"="Local Quorum"'
names_under Nodes
out_has "hivexsh shows the node by its name" '"NodeName"="HNODE"'
hsh "$BK/$CHK" <<'EOF'
cd \MyApp\Settings
lsval
EOF
out_has "hivexsh shows a value an application set" '"Count"=dword:00000007'

# ------------------------------------------------------------ round trip
expect 0 "registry export before" registry export
cp "$OUT" "$WORK/export.before"
expect 0 "group list before" group list
cp "$OUT" "$WORK/groups.before"
expect 0 "resource remove after the backup" resource remove "Web Disk"
expect 0 "restore" restore "$BK"
expect 0 "registry export after" registry export
if cmp -s "$OUT" "$WORK/export.before"; then ok "the restored registry is the one backed up"
else not_ok "the restored registry differs: $(diff "$WORK/export.before" "$OUT" | head -5)"; fi
expect 0 "group list after" group list
if cmp -s "$OUT" "$WORK/groups.before"; then ok "the restored groups are the ones backed up"
else not_ok "the restored groups differ"; fi
expect 0 "verify" verify "$BK"
out_has "verify says the snapshot is a hive" "a registry hive (format 1"

# ------------------------------------------------------------ Microsoft's layout only
# Everything of ours goes; the hive is then written again as a .reg file of
# Windows' HKLM\Cluster would give it, through hivexsh alone.
expect 0 "quorum" quorum --json
QRES=$(json_field 'd["quorum"]["resource_id"]')
G1=5a1b2c3d-0000-4000-8000-000000000001
G2=5a1b2c3d-0000-4000-8000-000000000002
R1=5a1b2c3d-0000-4000-8000-0000000000a1
R2=5a1b2c3d-0000-4000-8000-0000000000a2
MS=$WORK/ms
cp -a "$BK" "$MS"
chmod u+w "$MS/$CHK"
hsh -w "$MS/$CHK" <<EOF
setval 0
cd \\Groups
del
cd \\Resources
del
cd \\ResourceTypes
del
cd \\Nodes
del
cd \\Networks
del
cd \\NetworkInterfaces
del
cd \\Quorum
del
cd \\MyApp
del
cd \\Wineclus
del
cd \\
setval 1
ClusterName
string:MSCLUS
add Quorum
cd Quorum
setval 2
Resource
string:$QRES
Path
string:Q:\\MSCS\\
cd \\
add Nodes
cd Nodes
add 1
cd 1
setval 1
NodeName
string:HNODE
cd \\
add ResourceTypes
cd ResourceTypes
add Generic Service
cd Generic Service
setval 2
Name
string:Generic Service
DllName
string:clusres.dll
cd ..
add Local Quorum
cd Local Quorum
setval 2
Name
string:Local Quorum
DllName
string:clusres.dll
cd \\
add Groups
cd Groups
add $G1
cd $G1
setval 3
Name
string:Imported Group
Contains
$(multi $R1 $R2)
PersistentState
dword:1
cd ..
add $G2
cd $G2
setval 2
Name
string:Cluster Group
Contains
$(multi "$QRES")
cd \\
add Resources
cd Resources
add $R1
cd $R1
setval 3
Name
string:Imported Service
Type
string:Generic Service
DependsOn
$(multi $R2)
add Parameters
cd Parameters
setval 1
ServiceName
string:spooler
cd \\Resources
add $R2
cd $R2
setval 2
Name
string:Imported Helper
Type
string:Generic Service
cd ..
add $QRES
cd $QRES
setval 2
Name
string:Local Quorum
Type
string:Local Quorum
commit
EOF
if [ $? = 0 ]; then ok "hivexsh writes a hive of Microsoft's layout"; else not_ok "hivexsh failed: $(cat "$ERR")"; fi
hsh "$MS/$CHK" <<'EOF'
ls
EOF
if grep -qx Wineclus "$OUT"; then not_ok "the hive still has our key"; else ok "the hive has no Wineclus key"; fi
reseal "$MS"
expect 0 "verify the hive of Microsoft's layout" verify "$MS"
out_has "verify says it is Windows' layout only" "in Windows' layout only"
expect 0 "verify --json" verify "$MS" --json
json "verify counts the hive's objects" \
    'd["snapshot"] == "hive" and d["snapshot_format"] == 0 and d["objects"]["groups"] == 2
     and d["objects"]["resources"] == 3 and d["objects"]["dependencies"] == 1 and d["objects"]["nodes"] == 1'
expect 0 "restore the hive of Microsoft's layout" restore "$MS"
expect 0 "status" status --json
json "the cluster is the hive's" 'd["cluster"]["name"] == "MSCLUS"'
expect 0 "group list" group list --json
json "the imported groups, offline on the one node" \
    'sorted(g["name"] for g in d["groups"]) == ["Cluster Group", "Imported Group"]
     and all(g["state"] == "offline" and g["owner"] == "HNODE" for g in d["groups"])'
expect 0 "resource show" resource show "Imported Service" --json
json "the imported resource: its type, group, dependency, offline" \
    'd["type"] == "Generic Service" and d["group"] == "Imported Group"
     and d["state"] == "offline" and "Imported Helper" in str(d)'
expect 0 "registry show Parameters" registry show "Resources\\$R1\\Parameters"
out_has "the private property came with it" "spooler"
expect 0 "registry show a group" registry show "Groups\\$G1"
out_has "a value Windows keeps and we have no column for stays a stored value" "PersistentState"
expect 0 "quorum" quorum --json
json "the quorum path from the hive" 'd["quorum"]["path"] == "Q:\\MSCS\\"'
mkdir "$WORK/set2"
expect 0 "the restored cluster backs up" backup "$WORK/set2"

# ------------------------------------------------------------ damage
BAD=$WORK/bad
cp -a "$MS" "$BAD"
chmod u+w "$BAD/$CHK"
hsh -w "$BAD/$CHK" <<EOF
cd \\Resources\\$R2
setval 2
Name
string:Imported Service
Type
string:Generic Service
commit
EOF
reseal "$BAD"
expect 0 "status before" status --json
cp "$OUT" "$WORK/status.before"
failure 1 5087 "a hive with two resources of one name" restore "$BAD" --as-cluster
err_has "the refusal names the row" "resource row breaks a rule"
rm -rf "$BAD"; cp -a "$MS" "$BAD"; chmod u+w "$BAD/$CHK"
hsh -w "$BAD/$CHK" <<EOF
cd \\Groups\\$G1
setval 1
Name
string:No Contains
commit
EOF
reseal "$BAD"
failure 1 5087 "a hive with a resource in no group" restore "$BAD" --as-cluster
err_has "the refusal names the key" "a resource no group's Contains lists"
rm -rf "$BAD"; cp -a "$MS" "$BAD"; chmod u+w "$BAD/$CHK"
hsh -w "$BAD/$CHK" <<EOF
cd \\Groups\\$G1
setval 1
Name
hex:1:00dc0000
commit
EOF
reseal "$BAD"
failure 1 5087 "a hive with a name that is no UTF-16 (a lone surrogate)" restore "$BAD" --as-cluster
err_has "the refusal says why" "a string that is not UTF-16"
rm -rf "$BAD"; cp -a "$MS" "$BAD"; chmod u+w "$BAD/$CHK"
printf 'XXXX' | dd of="$BAD/$CHK" bs=1 seek=0 conv=notrunc 2>/dev/null
reseal "$BAD"
failure 1 5087 "a chk file that is no hive and no dump" restore "$BAD" --as-cluster
expect 0 "status after" status --json
if cmp -s "$OUT" "$WORK/status.before"; then ok "refused restores changed nothing"; else not_ok "a refused restore changed the store"; fi

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
