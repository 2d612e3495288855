#!/bin/bash
# Exercises the store verbs of the wineclus host tool from the outside, as a
# user or a script would: every verb, every documented error with its exit
# status and message, the JSON output, the store's file modes, and a backup
# and restore round trip.  Runs ./wineclus of the build top on throwaway
# stores only.
#
# Usage: tests/tool/test_tool.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

HOLDER=
on_exit() { [ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null; }
. "$(dirname "$0")/checks.sh" "$@"
export WINECLUS_STORE=$WORK/fresh

mode_is() {
    local got
    got=$(stat -c %a "$2")
    if [ "$got" = "$1" ]; then ok "$3 is mode $1"; else not_ok "$3 is mode $got, wanted $1"; fi
}

# ---------------------------------------------------------------- help, usage
expect 0 "wineclus --help" --help
for verb in status init node group resource checkpoint quorum registry log events backup restore; do
    out_has "wineclus --help lists $verb" "  $verb "
done
for verb in status init node group resource checkpoint quorum registry log events backup restore; do
    expect 0 "wineclus $verb --help" $verb --help
    out_has "wineclus $verb --help shows its usage" "Usage: wineclus $verb"
done
expect 0 "help of a subcommand" group add --help
out_has "help of a subcommand shows the verb's usage" "wineclus group add NAME"

expect 2 "unknown verb" frobnicate
expect 2 "verb without subcommand" node
err_has "missing subcommand lists the choices" "list, show, add, remove"
expect 2 "unknown subcommand" group frob
err_has "unknown subcommand named" "unknown subcommand 'frob'"
expect 2 "unknown option" status --bogus
err_has "unknown option named" "--bogus"
expect 2 "extra operand" status extra
expect 2 "missing operand" group add
err_has "missing operand named" "missing the NAME"
expect 2 "option without its value" resource list --group
expect 2 "resource add without --type" resource add R --group G
err_has "resource add without --type says so" "missing --type"
expect 2 "node name with a space" node add "bad name"
err_has "node name rule explained" "NetBIOS-style"
expect 2 "node name of 16 characters" node add ABCDEFGHIJKLMNOP
expect 2 "--since not a number" log --since -1
expect 2 "events --filter of an unknown change" events --filter GROUP_STATE,bogus
err_has "events --filter names the unknown change" "unknown change 'BOGUS'"
expect 2 "events --count not a number" events --count many
expect 2 "--max-log-size not a number" quorum set X --max-log-size 12k
expect 2 "--quorum-drive not a letter and colon" restore "$WORK" --quorum-drive QQ
expect 2 "--quorum-drive with a backslash" restore "$WORK" --quorum-drive 'Q:\'
expect 2 "option given twice" group add G --owner A --owner B
expect 2 "init with a node twice" init --node ALPHA --node alpha
if [ ! -e "$WINECLUS_STORE" ]; then ok "usage errors create no store"; else not_ok "usage errors created a store"; fi

# ------------------------------------------------- no store: readers make none
for verb in status "node list" "node show X" "group list" "group show X" "resource list" "resource types" "resource show X" "checkpoint list" \
    "quorum show" log events "backup $WORK/bk-none"; do
    # shellcheck disable=SC2086
    failure 1 2 "$verb without a store" $verb
    err_has "$verb without a store says so" "no cluster store in $WINECLUS_STORE"
    err_has "$verb without a store says what makes one" "wineclus init"
    if [ ! -e "$WINECLUS_STORE" ]; then ok "$verb without a store creates nothing"
    else not_ok "$verb without a store created $WINECLUS_STORE"; rm -rf "$WINECLUS_STORE"; fi
done
mkdir -m 700 "$WINECLUS_STORE"
failure 1 2 "status in an empty store folder" status
err_has "status in an empty store folder: no cluster.db" "holds no cluster.db"
if [ -z "$(ls -A "$WINECLUS_STORE")" ]; then ok "status left the empty store folder empty"
else not_ok "status wrote into the empty store folder: $(ls -A "$WINECLUS_STORE")"; fi
rmdir "$WINECLUS_STORE"
# Where a default store would go if the empty setting were taken for it.
NOHOME="HOME=$WORK/home XDG_DATA_HOME="
env $NOHOME WINECLUS_STORE='' ./wineclus status >"$OUT" 2>"$ERR"
RC=$?
if [ "$RC" = 1 ]; then ok "status with WINECLUS_STORE set but empty (exit 1)"
else not_ok "status with WINECLUS_STORE set but empty: exit $RC, wanted 1"; fi
err_has "set-but-empty WINECLUS_STORE: error 10" "error 10"
err_has "set-but-empty WINECLUS_STORE named" "WINECLUS_STORE is set but empty"
for verb in "group add G0" init "node list"; do
    # shellcheck disable=SC2086
    env $NOHOME WINECLUS_STORE='' ./wineclus $verb >"$OUT" 2>"$ERR"
    RC=$?
    if [ "$RC" = 1 ] && grep -q "error 10" "$ERR"; then ok "$verb with WINECLUS_STORE set but empty fails with 10"
    else not_ok "$verb with WINECLUS_STORE set but empty: exit $RC"; fi
done
if [ ! -e "$WORK/home" ]; then ok "WINECLUS_STORE set but empty made no default store"
else not_ok "WINECLUS_STORE set but empty made $(find "$WORK/home" | head -3)"; fi
# A relative path, or a URL that is no valid store URL, would become a folder
# in the working directory, another store in each place the tool runs.
mkdir -p "$WORK/cwd"
for bad in "etcd://127.0.0.1/CLUS" "http://127.0.0.1:2379/CLUS" "relative/store" "./here"; do
    for verb in status "group add G0"; do
        # shellcheck disable=SC2086
        (cd "$WORK/cwd" && env $NOHOME WINECLUS_STORE="$bad" "$OLDPWD/wineclus" $verb) >"$OUT" 2>"$ERR"
        RC=$?
        if [ "$RC" = 1 ] && grep -q "error 10" "$ERR" && grep -qF "WINECLUS_STORE \"$bad\" is" "$ERR"
        then ok "$verb with WINECLUS_STORE=$bad refused with 10, naming it"
        else not_ok "$verb with WINECLUS_STORE=$bad: exit $RC: $(head -c 300 "$ERR")"; fi
    done
done
if [ -z "$(ls -A "$WORK/cwd")" ]; then ok "refused WINECLUS_STORE values made nothing in the working directory"
else not_ok "refused WINECLUS_STORE values made $(ls -A "$WORK/cwd")"; fi
(cd "$WORK/cwd" && env $NOHOME WINECLUS_STORE="$(printf 'x\033[31m')" "$OLDPWD/wineclus" init) >"$OUT" 2>"$ERR"
if grep -q "error 10" "$ERR" && ! grep -q "$(printf '\033')" "$ERR"; then ok "a refused store path's escape byte is shown escaped"
else not_ok "a refused store path with an escape byte: $(od -c "$ERR" | head -3)"; fi

# ----------------------------------------------------------- a fresh store
expect 0 "a changing verb makes the default store" group add G0
expect 0 "group remove" group remove G0
expect 0 "status on a fresh store" status
out_has "status shows the default group" "Cluster Group"
out_has "status shows the quorum" "Local Quorum"
expect 0 "status --json on a fresh store" status --json
json "status --json: one node, down" 'len(d["nodes"]) == 1 and d["nodes"][0]["up"] is False'
json "status --json: cluster name, id, version" \
    'd["cluster"]["name"] and len(d["cluster"]["id"]) == 36 and d["cluster"]["build_number"] == 3790'
json "status --json: quorum resource, path, max log size" \
    'd["quorum"]["resource"] == "Local Quorum" and d["quorum"]["path"] and d["quorum"]["max_log_size"] == 4194304'
json "status --json: log sequence and size" 'd["log"]["sequence"] >= 0 and d["log"]["bytes"] >= 0'
json "status --json: groups with resources, GUIDs and checkpoint counts" \
    'any(g["name"] == "Cluster Group" and any(r["name"] == "Local Quorum" and len(r["id"]) == 36
         and r["registry_checkpoints"] == 0 and r["crypto_checkpoints"] == 0 for r in g["resources"])
         for g in d["groups"])'
mode_is 700 "$WINECLUS_STORE" "the store folder"
mode_is 600 "$WINECLUS_STORE/cluster.db" "cluster.db"

# ------------------------------------------------------------------- init
before=$(sha256sum "$WINECLUS_STORE/cluster.db")
failure 1 183 "init over an existing store" init --name OTHER --node OTHER
err_has "init refusal names the store" "$WINECLUS_STORE"
err_has "init refusal says it left the store alone" "left untouched"
if [ "$(sha256sum "$WINECLUS_STORE/cluster.db")" = "$before" ]; then ok "init left the existing store untouched"
else not_ok "init changed the existing store"; fi

export WINECLUS_STORE=$WORK/named
expect 0 "init with cluster and node names" init --name TESTCLUS --node ALPHA --node BETA --json
json "init --json: the cluster and its nodes" \
    'd["cluster"]["name"] == "TESTCLUS" and [n["name"] for n in d["nodes"]] == ["ALPHA", "BETA"]'
expect 0 "status of the new cluster" status --json
json "the new cluster's first node owns the default group" \
    'd["cluster"]["name"] == "TESTCLUS" and [g["owner"] for g in d["groups"] if g["name"] == "Cluster Group"] == ["ALPHA"]'

# ------------------------------------------------------------------- nodes
expect 0 "node list" node list
out_has "node list shows BETA" "BETA"
expect 0 "node add" node add GAMMA --json
json "node add --json: the new node" 'd["node"]["name"] == "GAMMA" and d["node"]["id"] == 3'
failure 1 5040 "node add of an existing name (other case)" node add gamma
expect 0 "node list --json" node list --json
json "node list --json: three nodes, all down" 'len(d["nodes"]) == 3 and not any(n["up"] for n in d["nodes"])'
failure 1 5042 "node remove of an unknown node" node remove NOPE
err_has "unknown node named" 'node "NOPE" not found'
err_has "unknown node: how to see the nodes" "wineclus node list"
expect 0 "node remove" node remove GAMMA
failure 1 5009 "node remove of a node owning groups" node remove ALPHA
err_has "eviction refusal says what to do" "Move its groups"

# ------------------------------------------------------------------ groups
expect 0 "group add with an owner" group add G1 --owner BETA --json
json "group add --json: offline, owned by BETA" \
    'd["group"]["name"] == "G1" and d["group"]["owner"] == "BETA" and d["group"]["state"] == "offline"'
expect 0 "group add with the default owner" group add G2
out_has "default owner is the first node" "owner ALPHA"
failure 1 5010 "group add of an existing name" group add g1
failure 1 5042 "group add with an unknown owner" group add G3 --owner NOPE
expect 0 "group list --json" group list --json
json "group list --json: the groups" '{g["name"] for g in d["groups"]} == {"Cluster Group", "G1", "G2"}'
failure 1 5013 "group remove of an unknown group" group remove NOGROUP
err_has "unknown group named" 'group "NOGROUP" not found'
expect 0 "group remove" group remove G2
expect 1 "group remove, --json" group remove NOGROUP --json
json "a failure under --json is a JSON document with the code" 'd["error"]["code"] == 5013 and "NOGROUP" in d["error"]["message"]'

# --------------------------------------------------------------- resources
expect 0 "resource types" resource types --json
json "resource types include Physical Disk and Generic Service" \
    '{"Physical Disk", "Generic Service"} <= {t["name"] for t in d["types"]}'
expect 0 "resource add" resource add R1 --type "Generic Service" --group G1
expect 0 "resource add --json" resource add R2 --type "Physical Disk" --group G1 --json
json "resource add --json: offline in G1 with a GUID" \
    'd["resource"]["group"] == "G1" and d["resource"]["state"] == "offline" and len(d["resource"]["id"]) == 36'
failure 1 5078 "resource add of an unknown type" resource add R3 --type Foo --group G1
err_has "unknown type: how to see the types" "wineclus resource types"
failure 1 5013 "resource add to an unknown group" resource add R3 --type "Physical Disk" --group NOPE
failure 1 5010 "resource add of an existing name" resource add r1 --type "Physical Disk" --group G1
expect 0 "resource list --group" resource list --group G1 --json
json "resource list --group: both resources" '[r["name"] for r in d["resources"]] == ["R1", "R2"]'
expect 0 "resource list" resource list
out_has "resource list shows the default resources" "Cluster IP Address"
failure 1 5013 "resource list of an unknown group" resource list --group NOPE
expect 0 "resource show" resource show "Cluster Name"
out_has "resource show: dependencies" "Depends on: Cluster IP Address"
out_has "resource show: common properties" "Common properties:"
out_has "resource show: a default marked so" "PendingTimeout (dword) = 180000 (0x2bf20)  [default]"
out_has "resource show: the Network Name's stored Name" 'Name (sz) = "'
expect 0 "resource show --json" resource show "Cluster IP Address" --json
json "resource show --json: properties, dependencies, checkpoints" \
    'd["needed_by"] == ["Cluster Name"] and d["depends_on"] == [] and isinstance(d["common_properties"], list)
     and d["checkpoints"] == [] and d["owner"] == "ALPHA"'
json "resource show --json: documented defaults of common properties, marked" \
    '{p["name"]: (p["value"], p["default"]) for p in d["common_properties"]}["PendingTimeout"] == (180000, True)
     and {p["name"]: (p["value"], p["default"]) for p in d["common_properties"]}["RestartThreshold"] == (3, True)'
json "resource show --json: the column values, not defaults" \
    '[(p["value"], p["default"], p["read_only"]) for p in d["common_properties"] if p["name"] == "Type"]
     == [("IP Address", False, False)]'
json "resource show --json: IP Address private properties, stored and default" \
    '{p["name"]: (p["format"], p["value"], p["default"]) for p in d["private_properties"]}
     == {"Address": ("sz", "127.0.0.1", False), "SubnetMask": ("sz", "255.0.0.0", False),
         "Network": ("sz", "Local Area Connection", False), "EnableNetBIOS": ("dword", 1, True)}'
ipid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$OUT" 2>/dev/null)
expect 0 "registry set a common property" registry set "Resources\\$ipid" PendingTimeout dword 90000
expect 0 "registry set an application's private value" registry set "Resources\\$ipid\\Parameters" Extra multi_sz a b
expect 0 "resource show after both" resource show "Cluster IP Address" --json
json "the set common property is shown stored, no longer the default" \
    '[(p["value"], p["default"]) for p in d["common_properties"] if p["name"] == "PendingTimeout"] == [(90000, False)]'
json "a private value no definition names is listed too" \
    '[(p["format"], p["value"]) for p in d["private_properties"] if p["name"] == "Extra"] == [("multi-sz", ["a", "b"])]'
expect 0 "group show" group show G1
out_has "group show: the group" "G1"
out_has "group show: a documented default" "FailoverPeriod (dword) = 6 (0x6)  [default]"
out_has "group show: no private properties" "Private properties: none"
expect 0 "group show --json" group show g1 --json
json "group show --json: the group and its common properties" \
    'd["group"]["name"] == "G1" and d["private_properties"] == []
     and [(p["value"], p["default"], p["read_only"]) for p in d["common_properties"] if p["name"] == "Name"]
         == [("G1", False, True)]
     and [(p["value"], p["default"]) for p in d["common_properties"] if p["name"] == "AutoFailbackType"] == [(0, True)]'
failure 1 5013 "group show of an unknown group" group show NOPE
expect 0 "node show --json" node show ALPHA --json
json "node show --json: the node, its versions from the cluster, its defaults" \
    'd["node"]["name"] == "ALPHA" and {p["name"]: p["value"] for p in d["common_properties"]}["BuildNumber"] == 3790
     and {p["name"]: (p["value"], p["default"]) for p in d["common_properties"]}["EnableEventLogReplication"] == (1, True)
     and {p["name"]: p["value"] for p in d["common_properties"]}["NodeName"] == "ALPHA"'
expect 0 "node show" node show alpha
out_has "node show: read-only marked" 'CSDVersion (sz) = "Service Pack 2"  [read-only]'
failure 1 5042 "node show of an unknown node" node show NOPE
expect 0 "status --properties --json" status --properties --json
json "status --properties: the cluster's common properties" \
    '{p["name"]: (p["value"], p["default"]) for p in d["common_properties"]}["QuorumArbitrationTimeMax"] == (20, True)
     and "groups" in d'
expect 0 "registry set a cluster common property" registry set "" QuorumArbitrationTimeMax dword 30
expect 0 "status --properties" status --properties
out_has "status --properties shows the stored value" "QuorumArbitrationTimeMax (dword) = 30 (0x1e)"
expect 0 "status without --properties" status
if grep -q "Common properties" "$OUT"; then not_ok "status lists properties unasked"; else ok "status lists no properties unasked"; fi
failure 1 5007 "resource show of an unknown resource" resource show NOPE
err_has "unknown resource named" 'resource "NOPE" not found'
failure 1 5007 "resource remove of an unknown resource" resource remove NOPE

# --------------------------------------------------------- online, offline
expect 0 "resource offline takes its dependents offline first" resource offline "Cluster IP Address"
expect 0 "status after resource offline" status --json
json "dependent offline, group partially online" \
    '[(g["state"], sorted((r["name"], r["state"]) for r in g["resources"])) for g in d["groups"] if g["name"] == "Cluster Group"]
     == [("partial-online", [("Cluster IP Address", "offline"), ("Cluster Name", "offline"), ("Local Quorum", "online")])]'
expect 0 "resource online brings its dependencies online first" resource online "Cluster Name" --json
json "resource online --json: the resource online" 'd["resource"]["state"] == "online"'
expect 0 "resource show after online" resource show "Cluster IP Address" --json
json "the dependency came online" 'd["state"] == "online"'
expect 0 "group online" group online G1 --json
json "group online --json: pending, its Generic Service waits for BETA's cluster service" \
    'd["group"]["state"] == "pending"'
expect 0 "resource list after group online" resource list --group G1 --json
json "the disk online, the service online-pending" \
    '[(r["name"], r["state"]) for r in d["resources"]] == [("R1", "online-pending"), ("R2", "online")]'
failure 1 5023 "group offline of a pending group" group offline G1
failure 1 5023 "group move of a pending group" group move G1
expect 0 "resource fail of the pending service" resource fail R1 --json
json "resource fail --json: failed" 'd["resource"]["state"] == "failed"'
expect 0 "group show after the failure" group show G1 --json
json "a failed resource makes the group failed" 'd["group"]["state"] == "failed"'
failure 1 5005 "group move with no other node up" group move G1
failure 1 5050 "group move to a node that is down" group move G1 --to ALPHA
failure 1 5042 "group move to an unknown node" group move G1 --to NOPE
expect 0 "group offline" group offline G1
failure 1 5004 "resource fail of an offline resource" resource fail R2
expect 0 "resource list after group offline" resource list --group G1 --json
json "every resource of the group offline" 'all(r["state"] == "offline" for r in d["resources"])'
failure 1 5013 "group online of an unknown group" group online NOPE
failure 1 5007 "resource offline of an unknown resource" resource offline NOPE
failure 1 145 "group remove of a group with resources" group remove G1
err_has "non-empty group: what to do" "Remove its resources first"

# ------------------------------------------------------------- checkpoints
expect 0 "checkpoint add (registry)" checkpoint add R1 'SOFTWARE\Vendor\App'
failure 1 183 "checkpoint add twice" checkpoint add R1 'SOFTWARE\Vendor\App'
failure 1 87 "checkpoint add with a leading backslash" checkpoint add R1 '\SOFTWARE\Vendor'
err_has "bad key: the forms explained" "without a leading backslash"
expect 0 "checkpoint add --crypto" checkpoint add R1 '1\Microsoft Base Cryptographic Provider v1.0\Keys' --crypto --json
json "checkpoint add --json" 'd["checkpoint"]["kind"] == "crypto" and d["checkpoint"]["result"] == "added"'
failure 1 87 "crypto checkpoint not Type\\Name\\Key" checkpoint add R1 'justaname' --crypto
failure 1 5007 "checkpoint add to an unknown resource" checkpoint add NOPE 'SOFTWARE\X'
expect 0 "checkpoint add a second registry key" checkpoint add R1 'SOFTWARE\Vendor\Other'
expect 0 "checkpoint list RESOURCE --json" checkpoint list R1 --json
json "checkpoint list: two registry, one crypto" \
    'sorted(c["kind"] for c in d["checkpoints"]) == ["crypto", "registry", "registry"] and all(c["resource"] == "R1" for c in d["checkpoints"])'
expect 0 "checkpoint list" checkpoint list
out_has "checkpoint list shows the key" 'SOFTWARE\Vendor\App'
expect 0 "status counts checkpoints" status --json
json "status: R1 has 2 registry and 1 crypto checkpoints" \
    '[(r["registry_checkpoints"], r["crypto_checkpoints"]) for g in d["groups"] for r in g["resources"] if r["name"] == "R1"] == [(2, 1)]'
expect 0 "checkpoint remove" checkpoint remove R1 'SOFTWARE\Vendor\Other'
failure 1 2 "checkpoint remove of an absent key" checkpoint remove R1 'SOFTWARE\Vendor\Other'
err_has "absent checkpoint named" 'no registry checkpoint "SOFTWARE\Vendor\Other"'
failure 1 2 "checkpoint remove of the wrong kind" checkpoint remove R1 'SOFTWARE\Vendor\App' --crypto
expect 0 "resource show lists checkpoints" resource show R1
out_has "resource show: the checkpoint" 'registry SOFTWARE\Vendor\App'

# ------------------------------------------------------------------ quorum
expect 0 "quorum" quorum
out_has "quorum shows the resource" "resource Local Quorum"
expect 0 "quorum show --json" quorum show --json
json "quorum show --json" 'd["quorum"]["resource"] == "Local Quorum" and d["quorum"]["max_log_size"] == 4194304'
failure 1 5021 "quorum set to a resource that cannot be the quorum" quorum set R1
err_has "quorum-capable types named" "Physical Disk, Majority Node Set or Local Quorum"
failure 1 87 "quorum set with a log size under the minimum" quorum set R2 --max-log-size 100
failure 1 5007 "quorum set to an unknown resource" quorum set NOPE
expect 0 "quorum set" quorum set R2 --path 'Q:\MSCS\' --max-log-size 65536 --json
json "quorum set --json: the new quorum" \
    'd["quorum"] == dict(d["quorum"], resource="R2", path="Q:\\MSCS\\", max_log_size=65536)'
expect 0 "quorum set keeps path and size" quorum set R2 --json
json "path and size kept" 'd["quorum"]["path"] == "Q:\\MSCS\\" and d["quorum"]["max_log_size"] == 65536'
failure 1 5020 "resource remove of the quorum resource" resource remove R2
err_has "quorum resource: what to do" "wineclus quorum set"

# ---------------------------------------------------------------- registry
expect 0 "registry (the root)" registry
out_has "registry shows the class keys" "  Resources\\"
out_has "registry shows the cluster name" "ClusterName (sz)"
expect 0 "registry show Quorum --json" registry show quorum --json
json "Quorum values come from the cluster" \
    'd["path"] == "Quorum" and {v["name"]: v["value"] for v in d["values"]}["Path"] == "Q:\\MSCS\\"'
expect 0 "registry set a dword (the key made)" registry set 'ToolApp\Sub' Count dword 42
out_has "registry set shows the key" "Count (dword) = 42"
expect 0 "registry set a multi_sz" registry set ToolApp List multi_sz one two
expect 0 "registry set the default value" registry set ToolApp '' sz 'a "quoted" \ text'
expect 0 "registry set binary" registry set ToolApp Bytes binary 00ff10
expect 0 "registry show --json" registry show ToolApp --json
json "the values as set" \
    '{v["name"]: v["value"] for v in d["values"]} == {"": "a \"quoted\" \\ text", "Bytes": "00ff10", "List": ["one", "two"]}
     and d["subkeys"] == ["Sub"]'
expect 0 "registry export" registry export ToolApp
out_has "export header" "WINECLUS REGISTRY EXPORT 1"
out_has "export: the key" '["ToolApp\\Sub"]'
out_has "export: a dword" '"Count"=dword:0000002a'
out_has "export: the default value escaped" '@="a \"quoted\" \\ text"'
out_has "export: multi_sz" '"List"=multi_sz:"one","two"'
out_has "export: binary" '"Bytes"=hex(3):00,ff,10'
expect 0 "resource show R1 --json" resource show R1 --json
r1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$OUT" 2>/dev/null)
expect 0 "registry set a private property" registry set "Resources\\$r1\\Parameters" Port dword 8080
expect 0 "resource show sees it" resource show R1
out_has "the property is the Parameters value" "Port"
expect 0 "registry set Name renames" registry set "Resources\\$r1" Name sz R1renamed
expect 0 "resource show by the new name" resource show R1renamed
expect 0 "registry set Name back" registry set "Resources\\$r1" Name sz R1
failure 1 5 "registry set under a class key" registry set Resources x dword 1
err_has "class key refusal explained" "Class keys hold only their objects' keys"
failure 1 5 "registry set a resource's Type" registry set "Resources\\$r1" Type sz 'IP Address'
failure 1 2 "registry show of a missing key" registry show 'No\Such'
failure 1 123 "registry set with a control character in a key" registry set "$(printf 'Bad\001Key')" v dword 1
expect 2 "registry set with an unknown type" registry set ToolApp v float 1
expect 2 "registry set dword not a number" registry set ToolApp v dword twelve
expect 2 "registry set binary with odd digits" registry set ToolApp v binary abc
expect 2 "registry export --json" registry export --json
expect 0 "registry: a value kept for the backup" registry set ToolApp Kept dword 7

# --------------------------------------------------------------------- log
expect 0 "log" log
out_has "log shows the sequence" "Quorum log at sequence"
expect 0 "log --json" log --json
json "log --json: records in order up to the sequence" \
    'd["records"] and [r["seq"] for r in d["records"]] == sorted(r["seq"] for r in d["records"]) and d["records"][-1]["seq"] == d["sequence"]'
since=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["sequence"] - 2)' "$OUT")
expect 0 "log --since" log --since "$since" --json
json "log --since: only the later records" "[r['seq'] for r in d['records']] == [$since + 1, $since + 2]"

# ------------------------------------------------------------ JSON strings
expect 0 "group add with quotes, backslash, non-ASCII" group add 'Q"uo\te Grüppe ✓' --json
json "the name comes back exactly" 'd["group"]["name"] == "Q\"uo\\te Grüppe ✓"'
failure 1 123 "group add with a byte that is not UTF-8" group add "$(printf 'bad\377byte')"
err_has "the refusal says why" "is not valid UTF-8"
failure 1 123 "group add with an ESC sequence" group add $'red\e[31m'
err_has "the refusal says why" "contains a control character (U+001B)"
expect 0 "group remove of the odd names" group remove 'Q"uo\te Grüppe ✓'

# ------------------------------------------------------------------ backup
BK=$WORK/backup
mkdir "$BK"
expect 0 "backup" backup "$BK"
out_has "backup names the folder" "$BK"
out_has "backup lists the marker" "Clusbackup.dat"
out_has "backup lists the quorum log" "quolog.log"
for f in Clusbackup.dat quolog.log wineclus.sum; do
    if [ -f "$BK/$f" ]; then ok "backup wrote $f"; else not_ok "backup did not write $f"; fi
done
if ls "$BK"/chk*.tmp >/dev/null 2>&1; then ok "backup wrote chk????.tmp"; else not_ok "backup wrote no chk????.tmp"; fi
if ls "$BK"/*/*.CPT >/dev/null 2>&1 && ls "$BK"/*/*.CPR >/dev/null 2>&1; then ok "backup wrote .CPT and .CPR files"
else not_ok "backup wrote no .CPT or .CPR file"; fi
mode_is 600 "$BK/quolog.log" "the backed-up quorum log"
expect 0 "backup --json (over the previous set)" backup "$BK" --json
json "backup --json: files, sequence, checkpoints" \
    '"Clusbackup.dat" in d["files"] and d["log_seq"] > 0 and d["registry_checkpoints"] == 1 and d["crypto_checkpoints"] == 1
     and d["file_count"] == len(d["files"])'
backup_seq=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["log_seq"])' "$OUT")
failure 1 267 "backup to a file" backup "$BK/quolog.log"
err_has "backup to a file: what to do" "not a file"
failure 1 3 "backup to a missing folder" backup "$WORK/missing/folder"
err_has "backup to a missing folder: what to do" "mkdir -p"
expect 1 "backup to a missing folder, --json" backup "$WORK/missing/folder" --json
json "backup failure under --json" 'd["error"]["code"] == 3'

# ------------------------------------------------------------------ verify
# Checked with no store at all: verify must neither need nor make one.
WINECLUS_STORE=$WORK/no-store-here expect 0 "verify the set" verify "$BK"
out_has "verify says the set is whole" "is whole"
if [ -e "$WORK/no-store-here" ]; then not_ok "verify made a store"; else ok "verify made no store"; fi
expect 0 "verify --json" verify "$BK" --json
json "verify --json: what the set holds, as backup said" \
    'd["whole"] and d["log_seq"] == '"$backup_seq"' and d["registry_checkpoints"] == 1 and d["crypto_checkpoints"] == 1
     and d["objects"]["nodes"] == 2 and d["objects"]["groups"] >= 1 and d["objects"]["resources"] >= 2
     and any(f["kind"] == "registry checkpoint" and f["key"] == "SOFTWARE\\Vendor\\App" for f in d["files"])
     and all(len(f["sha256"]) == 64 for f in d["files"]) and d["bytes"] == sum(f["size"] for f in d["files"])'
VB=$WORK/verify-damaged
cp -a "$BK" "$VB"
chmod u+w "$VB/quolog.log"
printf 'X' | dd of="$VB/quolog.log" bs=1 seek=3 conv=notrunc 2>/dev/null
failure 1 5087 "verify a set with a flipped byte" verify "$VB"
err_has "the damage is named" "quolog.log"
rm -rf "$VB"; cp -a "$BK" "$VB"
guid=$(cd "$VB" && ls -d */ | head -n 1 | tr -d /)
ln -s /etc/passwd "$VB/$guid/planted.CPT"
failure 1 5087 "verify a set with a link planted in a resource's folder" verify "$VB"
rm -rf "$VB"; cp -a "$BK" "$VB"
chmod u+w "$VB/quolog.log"; rm "$VB/quolog.log"; mkfifo "$VB/quolog.log"
LIMIT=20 failure 1 5087 "verify a set whose log is a FIFO (no hang)" verify "$VB"
rm -rf "$VB"
mkdir "$VB"
failure 1 2 "verify a folder without a set" verify "$VB"
failure 1 267 "verify a file" verify "$BK/quolog.log"
failure 1 3 "verify a missing folder" verify "$WORK/missing/folder"

# ----------------------------------------------------------------- restore
expect 0 "a change after the backup: new group" group add CHANGED
expect 0 "a change after the backup: registry value" registry set ToolApp Kept dword 8
expect 0 "a change after the backup: new node" node add DELTA
expect 0 "a change after the backup: checkpoint removed" checkpoint remove R1 'SOFTWARE\Vendor\App'
expect 0 "restore" restore "$BK"
out_has "restore names the restoring node" "as node ALPHA"
expect 0 "status after restore" status --json
json "restore took the group back out" 'not any(g["name"] == "CHANGED" for g in d["groups"])'
json "restore took the node back out" '[n["name"] for n in d["nodes"]] == ["ALPHA", "BETA"]'
json "restore put the checkpoint back" \
    '[(r["registry_checkpoints"], r["crypto_checkpoints"]) for g in d["groups"] for r in g["resources"] if r["name"] == "R1"] == [(1, 1)]'
json "restore went back to the backup's quorum" 'd["quorum"]["resource"] == "R2"'
expect 0 "checkpoint list after restore" checkpoint list R1
out_has "the restored checkpoint key" 'SOFTWARE\Vendor\App'
expect 0 "registry after restore" registry show ToolApp --json
json "restore brought the registry value back" '{v["name"]: v["value"] for v in d["values"]}["Kept"] == 7'
expect 0 "restore --json" restore "$BK" --json
json "restore --json: the summary" \
    "d['node'] == 'ALPHA' and d['log_seq'] == $backup_seq and d['registry_checkpoints'] == 1 and d['forced_nodes_up'] is False"

# Another node is up while a process holds a shared lock on its node file,
# as a Wine program acting as that node does (and makes it 0600 as that
# program would: the store leaves the mode of a file it did not make alone).
mkdir -p -m 700 "$WINECLUS_STORE/nodes"
# The holder is the sleep itself, so that killing it leaves no process behind.
(umask 077; exec 9>>"$WINECLUS_STORE/nodes/2.lock"; flock -s 9; exec sleep 300) &
HOLDER=$!
sleep 0.5
expect 0 "node list with BETA up" node list --json
json "BETA shows up" '[n["up"] for n in d["nodes"]] == [False, True]'
failure 1 5056 "restore while another node is up" restore "$BK"
err_has "5056 names the node that is up" "(BETA)"
err_has "5056 explains --force" "restore with --force"
expect 0 "restore --force while another node is up" restore "$BK" --force --json
json "restore --force reports going past the node" 'd["forced_nodes_up"] is True'
kill "$HOLDER" 2>/dev/null
wait "$HOLDER" 2>/dev/null
HOLDER=
expect 0 "node list once BETA is down" node list --json
json "BETA down again" '[n["up"] for n in d["nodes"]] == [False, False]'

expect 0 "quorum moved after the backup" quorum set "Local Quorum"
failure 1 5086 "restore when the quorum differs" restore "$BK"
err_has "5086 explains --force and --quorum-drive" "--quorum-drive X:"
expect 0 "restore --force when the quorum differs" restore "$BK" --force --json
json "restore --force reports going past the quorum" 'd["forced_quorum"] is True'
expect 0 "restore onto another quorum drive, the quorum resource the same" restore "$BK" --quorum-drive R: --json
json "the quorum path takes the new letter" 'd["quorum_path"].startswith("R:")'
expect 0 "quorum after the drive change" quorum --json
json "the store has the new quorum path" 'd["quorum"]["path"].startswith("R:")'
expect 0 "restore when only the quorum drive changed" restore "$BK" --json
json "the quorum path keeps the letter the disk has now" 'd["quorum_path"].startswith("R:")'

failure 1 5042 "restore as an unknown node" restore "$BK" --node NOPE
expect 0 "restore as a named node" restore "$BK" --node BETA --force
out_has "restore names that node" "as node BETA"
mkdir "$WORK/empty"
failure 1 2 "restore from a folder without a set" restore "$WORK/empty"
err_has "no set: what is missing" "Clusbackup.dat"
failure 1 3 "restore from a missing folder" restore "$WORK/missing"
failure 1 267 "restore from a file" restore "$BK/quolog.log"
cp -r "$BK" "$WORK/damaged"
chmod u+w "$WORK/damaged"/chk*.tmp
echo tampered >>"$WORK/damaged"/chk*.tmp
failure 1 5087 "restore from a damaged set" restore "$WORK/damaged"
err_has "damaged set: nothing restored" "nothing was restored"
# A set that would replace a key Windows owns takes --force (issue 17).
expect 0 "checkpoint add on a key Windows owns" checkpoint add R1 'SOFTWARE\Microsoft\Windows NT'
mkdir "$WORK/owned"
expect 0 "backup with that checkpoint" backup "$WORK/owned"
failure 1 5087 "restore of a set replacing a key Windows owns" restore "$WORK/owned"
err_has "the refusal names the key" 'SOFTWARE\Microsoft\Windows NT'
err_has "the refusal says --force" "--force"
expect 0 "the same restore with --force" restore "$WORK/owned" --force
expect 0 "checkpoint remove on a key Windows owns" checkpoint remove R1 'SOFTWARE\Microsoft\Windows NT'

# A FIFO in the set: opened, it would wait for a writer for ever.
cp -r "$BK" "$WORK/fifo"
chk=$(cd "$BK" && ls chk*.tmp)
rm -f "$WORK/fifo/$chk"
mkfifo "$WORK/fifo/$chk"
LIMIT=10 failure 1 5087 "restore from a set with a FIFO" restore "$WORK/fifo"
err_has "FIFO: the detail names it" "not a file: $chk"

# A set stripped to the files Windows documents (no wineclus.sum), its names
# in upper case as some copies leave them: checked for form, and restored.
cp -r "$BK" "$WORK/stripped"
rm -f "$WORK/stripped/wineclus.sum"
expect 0 "verify a set without wineclus.sum" verify "$WORK/stripped"
out_has "verify says the manifest is missing" "has no wineclus.sum"
out_has "verify says what it could not check" "a value in a checkpoint"
expect 0 "verify --json of a set without wineclus.sum" verify "$WORK/stripped" --json
json "verify --json: had_manifest false" 'd["had_manifest"] is False and d["registry_checkpoints"] == 1'
(cd "$WORK/stripped" && for f in *; do up=$(printf %s "$f" | tr a-z A-Z); [ "$f" = "$up" ] || mv "$f" "$up"; done)
expect 0 "restore of a set without wineclus.sum, names in upper case" restore "$WORK/stripped"
out_has "restore says the manifest was missing" "had no wineclus.sum"
cp "$WORK/stripped/QUOLOG.LOG" "$WORK/stripped/quolog.log"
failure 1 5087 "restore of a set with two spellings of one name" restore "$WORK/stripped"
err_has "both spellings named" "QUOLOG.LOG"

# A set of another cluster: refused, --force or not, until --as-cluster.
WINECLUS_STORE=$WORK/cluster-two expect 0 "init a second cluster" init --name TWO --node ALPHA
mkdir "$WORK/set-two"
WINECLUS_STORE=$WORK/cluster-two expect 0 "back the second cluster up" backup "$WORK/set-two"
WINECLUS_STORE=$WORK/cluster-three expect 0 "init a third cluster" init --name THREE --node ALPHA
WINECLUS_STORE=$WORK/cluster-three failure 1 5086 "restore of another cluster's set" restore "$WORK/set-two"
err_has "another cluster: the refusal names it" "another cluster, 'TWO'"
err_has "another cluster: what to do" "--as-cluster"
WINECLUS_STORE=$WORK/cluster-three failure 1 5086 "restore of another cluster's set with --force" \
    restore "$WORK/set-two" --force
WINECLUS_STORE=$WORK/cluster-three expect 0 "restore --as-cluster" restore "$WORK/set-two" --as-cluster
out_has "--as-cluster says what changes first" "cluster THREE ("
out_has "--as-cluster says what it became" "This store is now cluster TWO"
WINECLUS_STORE=$WORK/cluster-three expect 0 "status after restore --as-cluster" status --json
json "the store is the other cluster now" 'd["cluster"]["name"] == "TWO"'
WINECLUS_STORE=$WORK/cluster-four expect 0 "init a cluster of another node" init --name FOUR --node GAMMA
WINECLUS_STORE=$WORK/cluster-four failure 1 5052 "restore as a node the set does not have" \
    restore "$WORK/set-two" --as-cluster --force
err_has "5052: what to do" "--node NAME"

# Another user's lock on the backup folder: a bounded wait, then 32 naming
# the holder.  flock(1) holds the lock with the command it runs.
mkdir "$WORK/locked"
flock -s "$WORK/locked" sleep 60 &
HOLDER=$!
sleep 0.5
t0=$(date +%s%N)
WINECLUS_LOCK_WAIT=2 LIMIT=20 failure 1 32 "backup to a folder another process holds" backup "$WORK/locked"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ $ms -ge 2000 ] && [ $ms -lt 6000 ]; then ok "the backup gave up after ${ms} ms (WINECLUS_LOCK_WAIT=2)"
else not_ok "the backup gave up after ${ms} ms, wanted about 2000"; fi
holder="pid $HOLDER (user $(id -un), command flock)"
if [ "$(grep -c "^wineclus: waiting for $WORK/locked, locked by $holder\.\.\.$" "$ERR")" = 1 ]; then
    ok "the backup said once whom it waits for"
else not_ok "no single 'waiting for ... locked by $holder...' line"; fi
err_has "32 names the holder" "locked by $holder"
err_has "32: what to do" "WINECLUS_LOCK_WAIT=SECONDS"
WINECLUS_LOCK_WAIT=0 LIMIT=20 failure 1 32 "restore from a folder another process holds" restore "$WORK/locked"
WINECLUS_LOCK_WAIT=soon failure 1 87 "WINECLUS_LOCK_WAIT not a number" backup "$WORK/locked"
kill $(cat "/proc/$HOLDER/task/$HOLDER/children" 2>/dev/null) "$HOLDER" 2>/dev/null
wait "$HOLDER" 2>/dev/null
HOLDER=
expect 0 "backup once the holder is gone" backup "$WORK/locked"

expect 0 "resource remove" resource remove R1 --json
json "resource remove --json" 'd == {"kind": "resource", "name": "R1", "result": "removed"}'
expect 0 "checkpoint list after resource remove" checkpoint list --json
json "the resource's checkpoints went with it" 'd["checkpoints"] == []'

# ------------------------------------------- names written by other means
# A store another program (or a hand-edited cluster.db) filled with names the
# store's rule refuses: the tool must print them escaped, never raw.
export WINECLUS_STORE=$WORK/hostile
# clean DESCRIPTION FILE: FILE is UTF-8 with no control character but newlines.
clean() {
    if python3 -c 'import sys
t = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(3 if any((ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f for c in t) else 0)' "$2" 2>/dev/null
    then ok "$1"; else not_ok "$1: raw control characters or bytes that are not UTF-8"; sed -n l "$2" | head -5; fi
}
LONG=$(python3 -c 'print("L" * 200 + "\u20ac" * 18 + "y", end="")')   # 255 bytes
expect 0 "init a store for hostile names" init --name HOSTILE --node ALPHA
expect 0 "group to be renamed behind the tool" group add HG
expect 0 "resource to be renamed behind the tool" resource add HR --type "Generic Service" --group HG
expect 0 "a resource with a 255-byte name" resource add "$LONG" --type "Generic Service" --group HG
python3 - "$WINECLUS_STORE/cluster.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE grp SET name = ? WHERE name = 'HG'",
           ("HG\x1b[2J\x1b]0;owned\x07\nwineclus: forged line \u009b31m\\x41 C:\\dir",))
db.execute("UPDATE resource SET name = CAST(? AS TEXT) WHERE name = 'HR'", (b"HR\xff\x1b[31mred",))
db.execute("UPDATE log SET detail = ? WHERE seq = (SELECT max(seq) FROM log)", ("log\x1b[1A\rforged\u202e",))
db.commit()
EOF
expect 0 "status of a store with hostile names" status
clean "status prints no raw control character" "$OUT"
out_has "status shows the ESC-laden group name escaped" \
    'HG\x1b[2J\x1b]0;owned\x07\x0awineclus: forged line \xc2\x9b31m\\x41 C:\dir'
out_has "status shows the bytes that are not UTF-8 escaped" 'HR\xff\x1b[31mred'
if grep -q '^wineclus: forged line' "$OUT"; then not_ok "a name forged a line"; else ok "no name forged a line"; fi
out_has "status shows a 255-byte name whole" "$LONG"
expect 0 "status --json of a store with hostile names" status --json
clean "status --json prints no raw control character" "$OUT"
if python3 -m json.tool "$OUT" >/dev/null 2>>"$ERR"; then ok "status --json is valid JSON (json.tool)"
else not_ok "status --json is not valid JSON"; fi
json "status --json carries the ESC-laden name exactly" \
    '"HG\x1b[2J\x1b]0;owned\x07\nwineclus: forged line \u009b31m\\x41 C:\\dir" in [g["name"] for g in d["groups"]]'
json "status --json: a byte that is not UTF-8 becomes U+FFFD" \
    '"HR\ufffd\x1b[31mred" in [r["name"] for g in d["groups"] for r in g["resources"]]'
json "status --json: the 255-byte name whole" \
    'any(r["name"] == "'"$LONG"'" for g in d["groups"] for r in g["resources"])'
expect 0 "resource show of the 255-byte name as shown" resource show "$LONG"
out_has "resource show names it whole" "Resource:   $LONG"
expect 0 "log of a store with a hostile log record" log
clean "log prints no raw control character" "$OUT"
out_has "log shows the record escaped" 'log\x1b[1A\x0dforged\xe2\x80\xae'
expect 0 "status --json to find the hostile resource" status --json
hrid=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print([r["id"] for g in d["groups"] for r in g["resources"] if r["name"].startswith("HR")][0])' "$OUT" 2>/dev/null)
# The store refuses control characters in value names: one written behind the tool.
expect 0 "a private value with an ESC-laden value" \
    registry set "Resources\\$hrid\\Parameters" PX sz $'v\e[2J\nwineclus: forged'
python3 - "$WINECLUS_STORE/cluster.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE regval SET name = ? WHERE name = 'PX'", ("P\x1b]0;x\x07",))
db.commit()
EOF
expect 0 "resource show of a hostile private value" resource show $'HR\xff\e[31mred'
clean "resource show prints no raw control character in properties" "$OUT"
out_has "resource show: the property name escaped" 'P\x1b]0;x\x07 (sz) = "v\x1b[2J\x0awineclus: forged"'
expect 0 "resource show --json of a hostile private value" resource show $'HR\xff\e[31mred' --json
json "resource show --json carries the hostile property exactly" \
    '[p["value"] for p in d["private_properties"] if p["name"] == "P\x1b]0;x\x07"] == ["v\x1b[2J\nwineclus: forged"]'
failure 1 5007 "resource show of an unknown ESC-laden name" resource show $'\e[31mNOPE\n'
clean "the error quotes the name escaped" "$ERR"
err_has "the error shows the escaped name" 'resource "\x1b[31mNOPE\x0a" not found'
expect 2 "a usage error with an ESC-laden option" status $'--\e[2J'
clean "the usage error quotes it escaped" "$ERR"

# ------------------------------------------------------------------ events
# follow ARGS...: `wineclus events ARGS` in the background, its output in
# $WORK/ev.out, once it is watching (its pin is in the store).
follow() {
    rm -f "$WORK/ev.out" "$WORK/ev.rc"
    ( timeout 60 ./wineclus events "$@" >"$WORK/ev.out" 2>"$ERR"; echo $? >"$WORK/ev.rc" ) &
    for _ in $(seq 100); do
        compgen -G "$WINECLUS_STORE/events/pin.*" >/dev/null && return
        sleep 0.1
    done
}
follow --count 2
expect 0 "a group added while events follows" group add "EV group"
expect 0 "and removed" group remove "EV group"
wait
if [ "$(cat "$WORK/ev.rc")" = 0 ]; then ok "events --count 2 ends after two"; else not_ok "events exit $(cat "$WORK/ev.rc")"; fi
if [ "$(awk '{print $3, $4, $5}' "$WORK/ev.out" | tr '\n' '|')" = "GROUP_ADDED EV group|GROUP_DELETED EV group|" ]
then ok "events prints one line per change, class and name"
else not_ok "events printed: $(cat "$WORK/ev.out")"; fi
follow --json --filter resource_type_added,CLUSTER_CHANGE_GROUP_DELETED --count 1
expect 0 "a group added (filtered out)" group add "EV json"
expect 0 "then removed" group remove "EV json"
wait
if python3 -c 'import json, sys
lines = open(sys.argv[1]).read().splitlines()
d = [json.loads(l) for l in lines]
sys.exit(0 if len(d) == 1 and d[0]["change"] == "GROUP_DELETED" and d[0]["name"] == "EV json" and d[0]["filter"] == 0x2000 else 3)' "$WORK/ev.out"
then ok "events --json --filter: one JSON object per line, only the classes asked for"
else not_ok "events --json printed: $(cat "$WORK/ev.out")"; fi
if ! compgen -G "$WINECLUS_STORE/events/pin.*" >/dev/null; then ok "events leaves no pin behind"
else not_ok "pins left: $(ls "$WINECLUS_STORE/events")"; fi

# ------------------------------------------------------------ damaged store
mkdir -m 700 "$WORK/broken"
echo "not a database" >"$WORK/broken/cluster.db"
before=$(sha256sum "$WORK/broken/cluster.db")
WINECLUS_STORE=$WORK/broken failure 1 1392 "status on a damaged store" status
err_has "damaged store: what to do" "wineclus restore"
if [ "$(sha256sum "$WORK/broken/cluster.db")" = "$before" ]; then ok "the damaged store was left untouched"
else not_ok "the damaged store was changed"; fi

# ------------------------------------------------------------- file modes
bad=$(find "$WINECLUS_STORE" -type f ! -perm 600 | head -3)
if [ -z "$bad" ]; then ok "every file of the store is mode 600"; else not_ok "store files not mode 600: $bad"; fi
bad=$(find "$WINECLUS_STORE" -type d ! -perm 700 | head -3)
if [ -z "$bad" ]; then ok "every folder of the store is mode 700"; else not_ok "store folders not mode 700: $bad"; fi

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
