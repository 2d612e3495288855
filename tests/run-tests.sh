#!/bin/sh
# make check: every test suite, each in a throwaway Wine prefix and store
# under build/check (never the user's ~/.wine or store), summed into one
# last line "N passed, N failed".  Exit status 1 if anything failed.
set -u
top=$(pwd)
work=$top/build/check
WINELOADER=${WINELOADER:-wine64}
WINESERVER=${WINESERVER:-wineserver}
passed=0
failed=0
log=$work/log
. "$top/tests/winetest-count.sh"

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

echo "Setting up a throwaway Wine prefix and store in $work..."
if ! ./wineclus setup --node TESTNODE >"$log/setup.txt" 2>&1; then
    cat "$log/setup.txt"
    add "wineclus setup" 0 1
    echo "$passed passed, $failed failed"
    exit 1
fi
# The documentation's UNC example, \\ClusBack\19991215, as the prefix sees it.
mkdir -p "$WINEPREFIX/dosdevices/unc"
ln -sfn "$work/share" "$WINEPREFIX/dosdevices/unc/clusback"

set_version() {
    ./wineclus run winecfg /v "$1" >/dev/null 2>&1
    "$WINESERVER" -w
}

set_version win2003
run_winetest "clusapi (win2003)" ./wineclus run build/tests/clusapi_test.exe clusapi
run_winetest "resutils (win2003)" ./wineclus run build/tests/clusapi_test.exe resutils
set_version win2008
run_winetest "clusapi (win2008)" ./wineclus run build/tests/clusapi_test.exe clusapi

for t in build/tests/test_*; do
    [ -x "$t" ] || continue
    run_counted "unit $(basename "$t") (ASan+UBSan)" "$t"
done
[ -x tests/tool/test_tool.sh ] && run_counted "wineclus tool" tests/tool/test_tool.sh "$top"
run_counted "stress (quick)" tests/stress/run.sh --quick
run_counted "test harness self-test" tests/harness/check.sh "$work/harness"

"$WINESERVER" -k 2>/dev/null
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
