#!/bin/sh
# make check: every test suite, each in a throwaway Wine prefix and store
# under build/check (never the user's ~/.wine or store), summed into one
# last line "N passed, N failed".  Exit status 1 if anything failed.
set -u
top=$(pwd)
work=$top/build/check
WINELOADER=${WINELOADER:-wine64}
WINELOADER64=$WINELOADER
WINELOADER32=${WINELOADER32:-wine}
WINESERVER=${WINESERVER:-wineserver}
passed=0
failed=0
log=$work/log
. "$top/tests/winetest-count.sh"
. "$top/tests/bits32.sh"

rm -rf "$work"
mkdir -p "$work/share/19991215" "$log"
export WINEPREFIX="$work/prefix" WINECLUS_STORE="$work/store" WINEDEBUG=-all
unset WINECLUS_NODE WINECLUS_BACKUP_API
# Conformance tests print only failures, todos and skips, as in Wine's make check.
export WINETEST_DEBUG=1 WINETEST_INTERACTIVE=0

# add NAME PASSED FAILED: one suite's figures.
add() {
    printf '%-34s %6s passed, %s failed\n' "$1" "$2" "$3"
    passed=$((passed + $2))
    failed=$((failed + $3))
}

# A suite whose last line is "N passed, N failed".
run_counted() {
    name=$1; shift
    out=$log/$(echo "$name" | tr ' /' '__').txt
    "$@" >"$out" 2>&1
    rc=$?
    last=$(tail -n 1 "$out")
    p=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p')
    f=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p')
    if [ -z "$p" ]; then p=0; f=1; echo "$name: no summary line (exit status $rc); see $out"; fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "$name: exit status $rc; see $out"; fi
    [ "$f" -ne 0 ] && grep -v '^ok ' "$out" | grep -i -E 'fail|not ok|error' | head -n 20
    add "$name" "$p" "$f"
}

# A Wine conformance test: its summary line counts executed tests and failures.
run_winetest() {
    name=$1; shift
    out=$log/$(echo "$name" | tr ' /' '__').txt
    "$@" >"$out" 2>&1
    rc=$?
    counts=$(winetest_count "$out" "$rc")
    if [ -z "$counts" ]; then
        echo "$name: no summary (exit status $rc); see $out"; tail -n 20 "$out"
        add "$name" 0 1
        return
    fi
    set -- $counts
    [ "$2" -ne 0 ] && grep -E 'Test failed|succeeded inside todo' "$out" | head -n 30
    [ "$rc" -ne 0 ] && echo "$name: exit status $rc; see $out"
    add "$name" "$1" "$2"
}

# setup_prefix LOG: the prefix $WINEPREFIX as a node of the store, with the
# documentation's UNC example, \\ClusBack\19991215, as the prefix sees it.
setup_prefix() {
    if ! ./wineclus setup --node TESTNODE >"$log/$1" 2>&1; then
        cat "$log/$1"
        return 1
    fi
    mkdir -p "$WINEPREFIX/dosdevices/unc"
    ln -sfn "$work/share" "$WINEPREFIX/dosdevices/unc/clusback"
}

set_version() {
    ./wineclus run winecfg /v "$1" >/dev/null 2>&1
    "$WINESERVER" -w
}

echo "Setting up a throwaway Wine prefix and store in $work..."
if ! setup_prefix setup.txt; then
    add "wineclus setup" 0 1
    echo "$passed passed, $failed failed"
    exit 1
fi

# The 32-bit suites run when the 32-bit build is there and this Wine runs
# 32-bit programs; otherwise one line says why, counted neither way.
bits32=$(why32)

set_version win2003
run_winetest "clusapi (win2003)" ./wineclus run build/tests/clusapi_test.exe clusapi
run_winetest "clusreg (win2003)" ./wineclus run build/tests/clusapi_test.exe clusreg
run_winetest "resutils (win2003)" ./wineclus run build/tests/clusapi_test.exe resutils
run_winetest "props (win2003)" ./wineclus run build/tests/clusapi_test.exe props
run_winetest "objadmin (win2003)" ./wineclus run build/tests/clusapi_test.exe objadmin
run_winetest "groupstate (win2003)" ./wineclus run build/tests/clusapi_test.exe groupstate
run_winetest "objects (win2003)" ./wineclus run build/tests/clusapi_test.exe objects
run_winetest "network (win2003)" ./wineclus run build/tests/clusapi_test.exe network
run_winetest "notify (win2003)" ./wineclus run build/tests/clusapi_test.exe notify
if [ -z "$bits32" ]; then
    run_winetest "clusapi (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe clusapi
    run_winetest "clusreg (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe clusreg
    run_winetest "props (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe props
    run_winetest "objadmin (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe objadmin
    run_winetest "groupstate (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe groupstate
    run_winetest "objects (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe objects
    run_winetest "network (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe network
    run_winetest "notify (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe notify
    run_winetest "resutils (win2003, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe resutils
fi
set_version win2008
run_winetest "clusapi (win2008)" ./wineclus run build/tests/clusapi_test.exe clusapi
[ -z "$bits32" ] && run_winetest "clusapi (win2008, 32-bit)" ./wineclus run build/tests/clusapi_test32.exe clusapi
# Last in this store: the conformance tests check every group an enumeration
# returns, so the 104 groups this leaves would change their counts.
if [ -z "$bits32" ]; then
    set_version win2003
    run_counted "32- and 64-bit at once, one store" tests/bitness/cross.sh "$work/cross"
fi

# check_undo NAME: after setup --undo, our files are gone from system32 and
# syswow64, and Wine's own clusapi.dll and resutils.dll are back (in syswow64
# too where Wine runs 32-bit).
check_undo() {
    if ! ./wineclus setup --undo >"$log/undo.txt" 2>&1; then
        cat "$log/undo.txt"
        add "$1" 0 1
        return
    fi
    sys=$WINEPREFIX/drive_c/windows
    p=0
    f=0
    for d in system32 syswow64; do
        for n in wineclusapi wineresutils; do
            if [ -e "$sys/$d/$n.dll" ]; then
                f=$((f + 1)); echo "undo left $d/$n.dll"
            else
                p=$((p + 1))
            fi
        done
    done
    wine_dirs=system32
    [ -z "$bits32" ] && [ -d "$sys/syswow64" ] && wine_dirs="system32 syswow64"
    for d in $wine_dirs; do
        for n in clusapi resutils; do
            ours=no
            for a in build/*-windows; do cmp -s "$sys/$d/$n.dll" "$a/$n.dll" && ours=yes; done
            if [ -f "$sys/$d/$n.dll" ] && [ $ours = no ]; then
                p=$((p + 1))
            else
                f=$((f + 1)); echo "undo: Wine's own $d/$n.dll is not back"
            fi
        done
    done
    add "$1" "$p" "$f"
}

# A WINEARCH=win32 prefix (its own store): system32 is 32-bit, wine64 refuses it.
if [ -z "$bits32" ]; then
    "$WINESERVER" -k 2>/dev/null
    export WINEPREFIX="$work/prefix32" WINECLUS_STORE="$work/store32" WINEARCH=win32 WINELOADER="$WINELOADER32"
    if setup_prefix setup32.txt; then
        unset WINEARCH
        set_version win2003
        run_winetest "clusapi (win2003, win32 prefix)" ./wineclus run build/tests/clusapi_test32.exe clusapi
        run_winetest "clusreg (win2003, win32 prefix)" ./wineclus run build/tests/clusapi_test32.exe clusreg
        run_winetest "resutils (win2003, win32 prefix)" ./wineclus run build/tests/clusapi_test32.exe resutils
        set_version win2008
        run_winetest "clusapi (win2008, win32 prefix)" ./wineclus run build/tests/clusapi_test32.exe clusapi
        check_undo "setup --undo (win32 prefix)"
    else
        add "wineclus setup (win32 prefix)" 0 1
    fi
    "$WINESERVER" -k 2>/dev/null
    unset WINEARCH
    export WINEPREFIX="$work/prefix" WINECLUS_STORE="$work/store" WINELOADER="$WINELOADER64"
else
    echo "32-bit: skipped ($bits32)"
fi

for t in build/tests/test_*; do
    [ -x "$t" ] || continue
    run_counted "unit $(basename "$t") (ASan+UBSan)" "$t"
done
[ -x tests/tool/test_tool.sh ] && run_counted "wineclus tool" tests/tool/test_tool.sh "$top"
run_counted "wineclus node start|stop|status" tests/tool/test_service.sh "$top"
run_counted "wineclus backup sets as registry hives" tests/tool/test_hive.sh "$top"
run_counted "registry checkpoints open in hivexsh" tests/tool/test_cpthive.sh "$top"
run_counted "wineclus backup sets in Windows' layout" tests/tool/test_winset.sh "$top"
run_counted "wineclus on a store on etcd (two hosts)" tests/tool/test_etcd.sh "$top"
run_counted "node liveness across hosts by etcd leases" tests/tool/test_etcdalive.sh "$top"
run_counted "checkpoint contents on etcd" tests/tool/test_etcdcontents.sh "$top"
run_counted "notifications across hosts on etcd" tests/tool/test_etcdevents.sh "$top"
run_counted "failover with real Wine (3 rounds)" tests/failover/run.sh "$work/failover" 3
run_counted "moves with real Wine (3 rounds)" tests/failover/move.sh "$work/move" 3
run_counted "restart, failback, real Wine (1)" tests/failover/policy.sh "$work/policy" 1 2
run_counted "checkpoints kept (real Wine)" tests/ckptkeep/run.sh "$work/ckptkeep" 3
run_counted "stress (quick)" tests/stress/run.sh --quick
# Adds a node, a group and a resource to the store: after the suites that count them.
run_counted "two nodes, one store (properties, notifications)" tests/crossnode/run.sh "$work/crossnode"
run_counted "test harness self-test" tests/harness/check.sh "$work/harness"
run_counted "Generic Service with real Wine (Spooler)" tests/genericsvc/run.sh "$top"
check_undo "wineclus setup --undo"

"$WINESERVER" -k 2>/dev/null
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
