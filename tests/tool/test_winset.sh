#!/bin/bash
# A backup set as Windows Server 2003 writes it, as far as its documented
# layout goes (docs/backup-format.md, "A set written by Windows Server
# 2003"): chk????.tmp a hive of HKLM\Cluster's layout with no Wineclus key,
# each resource's registry checkpoints listed in Resources\<GUID>\RegSync,
# <GUID>\0000000N.CPT hives as RegSaveKey writes them, a quolog.log of
# Windows' own (here arbitrary bytes), Clusbackup.dat, no wineclus.sum.
#
# Usage: tests/tool/test_winset.sh BUILD_TOP
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

on_exit() { :; }
. "$(dirname "$0")/checks.sh" "$@"
. "$(dirname "$0")/hivecheck.sh"

# ------------------------------------------------------------ our set lists its checkpoints as Windows does
expect 0 "init" init --name WINSET --node WNODE
expect 0 "group add" group add "App Group"
expect 0 "resource add" resource add "App" --type "Generic Service" --group "App Group"
expect 0 "checkpoint add" checkpoint add App 'SOFTWARE\Vendor\App'
expect 0 "checkpoint add" checkpoint add App 'SOFTWARE\Vendor\Other'
expect 0 "resource show" resource show App --json
RID=$(json_field 'd["id"]')
BK=$WORK/set
mkdir "$BK"
expect 0 "backup" backup "$BK"
CHK=$(cd "$BK" && ls chk*.tmp)
hsh "$BK/$CHK" <<EOF
cd \\Resources\\$RID\\RegSync
lsval
EOF
out_has "hivexsh shows RegSync's first file and key" '"00000001"="SOFTWARE\\Vendor\\App"'
out_has "hivexsh shows RegSync's second file and key" '"00000002"="SOFTWARE\\Vendor\\Other"'
if [ -f "$BK/$RID/00000001.CPT" ] && [ -f "$BK/$RID/00000002.CPT" ]; then ok "the files are numbered as RegSync says"
else not_ok "no $RID/00000001.CPT and 00000002.CPT: $(ls "$BK/$RID")"; fi

# ------------------------------------------------------------ a set as Windows writes it
# The chk hive loses our key; a set of Windows has no log sequence of ours: chk0000.tmp.
WS=$WORK/winset
mkdir "$WS" "$WS/$RID"
cp "$BK/$CHK" "$WS/chk0000.tmp"
chmod u+w "$WS/chk0000.tmp"
hsh -w "$WS/chk0000.tmp" <<'EOF'
cd \Wineclus
del
commit
EOF
if [ $? = 0 ]; then ok "hivexsh removes the Wineclus key"; else not_ok "hivexsh failed: $(cat "$ERR")"; fi
head -c 300 /dev/urandom >"$WS/quolog.log"
: >"$WS/Clusbackup.dat"
chmod 400 "$WS/Clusbackup.dat"

# A .CPT as RegSaveKey writes one: a hive whose root is the key; made from
# a copy of the chk hive emptied with hivexsh.
mkcpt() {
    local out=$1 name=$2 data=$3 k
    cp "$WS/chk0000.tmp" "$out"
    hsh "$out" <<'EOF'
ls
EOF
    { echo "setval 0"; for k in $(cat "$OUT"); do printf 'cd \\%s\ndel\ncd \\\n' "$k"; done
      printf 'setval 1\n%s\nstring:%s\ncommit\n' "$name" "$data"; } >"$WORK/mk"
    hsh -w "$out" <"$WORK/mk"
}
mkcpt "$WS/$RID/00000001.CPT" Greeting hello && mkcpt "$WS/$RID/00000002.CPT" Colour blue
if [ $? = 0 ]; then ok "hivexsh makes the .CPT hives"; else not_ok "hivexsh failed: $(cat "$ERR")"; fi

expect 0 "verify the set Windows' way" verify "$WS"
expect 0 "checkpoint remove after the backup" checkpoint remove App 'SOFTWARE\Vendor\Other'
expect 0 "restore the set Windows' way" restore "$WS"
expect 0 "checkpoint list" checkpoint list App --json
json "the two registry checkpoints RegSync lists, with contents" \
    'sorted(c["key"] for c in d["checkpoints"]) == ["SOFTWARE\\Vendor\\App", "SOFTWARE\\Vendor\\Other"]
     and all(c["data_size"] > 0 for c in d["checkpoints"])'
BK2=$WORK/set2
mkdir "$BK2"
expect 0 "the restored cluster backs up" backup "$BK2"
hsh "$BK2/$RID/00000001.CPT" <<'EOF'
lsval
EOF
out_has "the first checkpoint's contents came back" '"Greeting"="hello"'
hsh "$BK2/$RID/00000002.CPT" <<'EOF'
lsval
EOF
out_has "the second checkpoint's contents came back" '"Colour"="blue"'

# ------------------------------------------------------------ hostile listings
# damage NAME HIVEXSH-LINES: a copy of the Windows set with its RegSync changed.
damage() {
    local name=$1
    D=$WORK/$name
    rm -rf "$D"
    cp -a "$WS" "$D"
    chmod u+w "$D/chk0000.tmp"
    { printf 'cd \\Resources\\%s\\RegSync\n' "$RID"; cat; echo commit; } >"$WORK/dm"
    hsh -w "$D/chk0000.tmp" <"$WORK/dm"
}
refused() {
    expect 1 "$1: refused" restore "$D"
    if grep -qF "error 5087" "$ERR"; then ok "$1: error 5087"; else not_ok "$1: not 5087: $(cat "$ERR")"; fi
    if grep -qF -- "$2" "$OUT" "$ERR"; then ok "$1: the message names it"; else not_ok "$1: no '$2' in: $(cat "$ERR")"; fi
}
damage notsz <<'EOF'
setval 1
00000001
dword:0x7
EOF
refused "a RegSync value that is not REG_SZ" "not a string (REG_SZ)"
damage empty <<'EOF'
setval 1
00000001
string:
EOF
refused "an empty key" "not a key path relative to HKLM"
damage absolute <<'EOF'
setval 1
00000001
string:\SOFTWARE\Vendor\App
EOF
refused "an absolute key" "not a key path relative to HKLM"
damage badname <<'EOF'
setval 1
File1
string:SOFTWARE\Vendor\Third
EOF
refused "a name that is not 8 hex digits" '"File1"'
damage twice <<'EOF'
setval 2
00000001
string:SOFTWARE\Vendor\App
00000002
string:SOFTWARE\Vendor\App
EOF
refused "two values naming one key" "names a key another value names"
damage crypto <<EOF
cd \\Resources\\$RID
add CryptoSync
cd CryptoSync
setval 1
00000001
string:1\\Microsoft Base Cryptographic Provider v1.0\\Box
EOF
refused "a crypto checkpoint of a Windows set" "00000001.CPR"
damage missing <<'EOF'
setval 3
00000001
string:SOFTWARE\Vendor\App
00000002
string:SOFTWARE\Vendor\Other
00000003
string:SOFTWARE\Vendor\Third
EOF
refused "a listed file missing" "$RID/00000003.CPT"
damage unlisted <<'EOF'
setval 1
00000001
string:SOFTWARE\Vendor\App
EOF
refused "an unlisted .CPT present" "00000002.CPT"
damage samefile <<'EOF'
setval 2
00000001
string:SOFTWARE\Vendor\App
00000001
string:SOFTWARE\Vendor\Other
EOF
refused "two values naming one file" "a file number two values give"

# ------------------------------------------------------------ Windows' own numbering
# Windows numbers a resource's files as their checkpoints were added: here
# Other first, in a file 00000003 after a checkpoint removed, App second.
damage numbered <<'EOF'
setval 2
00000003
string:SOFTWARE\Vendor\Other
00000002
string:SOFTWARE\Vendor\App
EOF
mv "$D/$RID/00000002.CPT" "$D/$RID/00000003.CPT"
mv "$D/$RID/00000001.CPT" "$D/$RID/00000002.CPT"
expect 0 "restore a set numbered in Windows' order" restore "$D"
BK3=$WORK/set3
mkdir "$BK3"
expect 0 "backup after it" backup "$BK3"
hsh "$BK3/$RID/00000001.CPT" <<'EOF'
lsval
EOF
out_has "App's contents are those of the file RegSync named for it" '"Greeting"="hello"'
hsh "$BK3/$RID/00000002.CPT" <<'EOF'
lsval
EOF
out_has "Other's contents are those of the file RegSync named for it" '"Colour"="blue"'
hsh "$BK3/$(cd "$BK3" && ls chk*.tmp)" <<EOF
cd \\Resources\\$RID\\RegSync
lsval
EOF
out_has "our next set lists them by our rule" '"00000001"="SOFTWARE\\Vendor\\App"'

expect 0 "checkpoint list after the refusals" checkpoint list App --json
json "the refusals changed nothing" 'len(d["checkpoints"]) == 2'

# ------------------------------------------------------------ a key of ours where Windows lists checkpoints
expect 0 "an application's key RegSync under the resource" registry set "Resources\\$RID\\RegSync" Mine sz x
mkdir "$WORK/set4"
expect 1 "a backup refuses to mix it with the listing" backup "$WORK/set4"
if grep -qF "where Windows lists checkpoints" "$ERR"; then ok "the message names the listing"
else not_ok "no reason given: $(cat "$ERR")"; fi

echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
