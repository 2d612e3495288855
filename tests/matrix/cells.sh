#!/bin/sh
# One Wine's part of the test matrix, run from the top of a built tree: the
# conformance suites (clusapi, resutils) and the demo (clusbackup), 64- and
# 32-bit, under Wine emulating win2003 and then win2008, in one throwaway
# prefix and store under build/matrix/run; and for win2003 the other tests of
# the conformance program (registry, properties, objects: the "admin" column,
# summed) and the quick hostile calls of make stress (tests/stress/hostile.sh,
# a prefix of their own).
# One line per cell and suite:
#   cell|WINE VERSION|BITS|WINVER|SUITE|PASSED|FAILED|NOTE
# where NOTE says why a cell did not run ("not built", "no wine32"); then
#   extra|WINE, BITS: PE + Unix library probe|PASSED|FAILED|NOTE
set -u
top=$(pwd)
work=$top/build/matrix/run
# The Wine that configure found, unless the caller names one.
from_makefile() { sed -n "s/^$1 *= *//p" Makefile 2>/dev/null; }
WINELOADER=${WINELOADER:-$(from_makefile WINELOADER)}
WINESERVER=${WINESERVER:-$(from_makefile WINESERVER)}
. "$top/tests/winetest-count.sh"

rm -rf "$work"
mkdir -p "$work/share/19991215" "$work/log"
export WINEPREFIX="$work/prefix" WINECLUS_STORE="$work/store" WINEDEBUG=-all
export WINETEST_DEBUG=1 WINETEST_INTERACTIVE=0
unset WINECLUS_NODE WINECLUS_BACKUP_API
version=$("$WINELOADER" --version 2>/dev/null | sed 's/^wine-//; s/ .*//')
os=$(. /etc/os-release 2>/dev/null && echo "${NAME%% *} ${VERSION_ID:-}")

cell() { echo "cell|Wine ${version:-?} ($os)|$1|$2|$3|$4|$5|${6:-}"; }

# The 32-bit loader of a Debian Wine (package wine32).
has_wine32() { [ -x /usr/lib/wine/wine ]; }

# One cell for the tests named after the suite (default: the suite itself), summed.
winetest() {   # BITS WINVER SUITE EXE [TEST...]
    wt_bits=$1 wt_winver=$2 wt_suite=$3 wt_exe=$4
    shift 4
    [ $# -gt 0 ] || set -- "$wt_suite"
    wt_p=0 wt_f=0 wt_bad=
    for wt_test in "$@"; do
        out=$work/log/$wt_test-$wt_bits-$wt_winver.txt
        ./wineclus run "$wt_exe" "$wt_test" >"$out" 2>&1
        counts=$(winetest_count "$out" $?)
        [ -n "$counts" ] || counts="0 1"
        wt_p=$((wt_p + ${counts% *})) wt_f=$((wt_f + ${counts#* }))
        [ "${counts#* }" = 0 ] || wt_bad="$wt_bad see $out"
    done
    cell "$wt_bits" "$wt_winver" "$wt_suite" $wt_p $wt_f "${wt_bad# }"
}

# The conformance program's tests other than the two of their own columns.
admin_tests=$(sed -n 's/^ *{ "\([a-z0-9_]*\)", func_.*/\1/p' tests/testlist.c | grep -v -x -e clusapi -e resutils)

# Server 2003: the set is written whole (Clusbackup.dat is written last);
# 2008: BackupClusterDatabase is gone, ERROR_CALL_NOT_IMPLEMENTED, nothing written.
demo() {   # BITS WINVER EXE
    out=$work/log/demo-$1-$2.txt
    set_dir=$work/share/19991215
    rm -rf "$set_dir" && mkdir -p "$set_dir"
    ./wineclus run "$3" '\\ClusBack\19991215' >"$out" 2>&1
    rc=$?
    if [ "$2" = win2003 ]; then
        [ "$rc" -eq 0 ] && [ -f "$set_dir/Clusbackup.dat" ]
    else
        [ "$rc" -eq 120 ] && [ -z "$(ls -A "$set_dir")" ]
    fi
    if [ $? -eq 0 ]; then cell "$1" "$2" demo 1 0; else cell "$1" "$2" demo 0 1 "exit $rc, see $out"; fi
}

# The hostile calls, in a prefix and store of their own.
hostile() {   # BITS
    out=$work/log/hostile-$1.txt
    seed=$(date +%s)
    if [ ! -f "build/stress/hostile$([ "$1" = 32 ] && echo 32).exe" ]; then
        cell "$1" win2003 hostile 0 0 "not built"; return
    fi
    WINESERVER=$WINESERVER tests/stress/hostile.sh "$1" "$work/hostile$1" "$seed" >"$out" 2>&1
    last=$(tail -n 1 "$out")
    counts=$(summary_count "$out")
    case $last in
    "32-bit: skipped ("*) why=${last#32-bit: skipped (}; cell "$1" win2003 hostile 0 0 "${why%)}" ;;
    *) if [ -z "$counts" ]; then cell "$1" win2003 hostile 0 1 "no summary, see $out"
       else cell "$1" win2003 hostile ${counts% *} ${counts#* } "$([ "${counts#* }" = 0 ] || echo "seed $seed, see $out")"; fi ;;
    esac
    rm -rf "$work/hostile$1/prefix"   # over a gigabyte; the logs stay
}

if ! ./wineclus setup --node MATRIX >"$work/log/setup.txt" 2>&1; then
    cell - - "wineclus setup" 0 1 "see $work/log/setup.txt"
    exit 1
fi
mkdir -p "$WINEPREFIX/dosdevices/unc"
ln -sfn "$work/share" "$WINEPREFIX/dosdevices/unc/clusback"

for winver in win2003 win2008; do
    ./wineclus run winecfg /v "$winver" >/dev/null 2>&1
    "$WINESERVER" -w
    for bits in 64 32; do
        sfx=; [ "$bits" = 32 ] && sfx=32
        test_exe=build/tests/clusapi_test$sfx.exe
        demo_exe=build/samples/clusbackup$sfx.exe
        why=
        if [ "$bits" = 32 ] && ! has_wine32; then why="no wine32"
        elif [ ! -f "$test_exe" ] || [ ! -f "$demo_exe" ]; then why="not built"
        fi
        suites="clusapi resutils demo"
        [ "$winver" = win2003 ] && suites="$suites admin hostile"
        if [ -n "$why" ]; then
            for suite in $suites; do cell "$bits" "$winver" "$suite" 0 0 "$why"; done
            continue
        fi
        winetest "$bits" "$winver" clusapi "$test_exe"
        winetest "$bits" "$winver" resutils "$test_exe"
        demo "$bits" "$winver" "$demo_exe"
        # shellcheck disable=SC2086 # one word per test name
        [ "$winver" = win2003 ] && winetest "$bits" "$winver" admin "$test_exe" $admin_tests
        [ "$winver" = win2003 ] && hostile "$bits"
    done
done
"$WINESERVER" -k 2>/dev/null
rm -rf "$WINEPREFIX"   # over a gigabyte; the logs stay

# The loading probe of docs/loading.md: a PE DLL marked builtin reaches its
# Unix library when found through WINEDLLPATH (placements A, B), not otherwise (C).
for bits in 64 32; do
    name="Wine ${version:-?} ($os) $bits-bit: PE + Unix library probe"
    if [ "$bits" = 32 ] && ! has_wine32; then echo "extra|$name|0|0|no wine32"; continue; fi
    out=$work/log/probe-$bits.txt
    WINELOADER=$WINELOADER tests/matrix/probe/run.sh "$bits" "$work/probe$bits" >"$out" 2>&1
    if grep -q "build failed" "$out"; then echo "extra|$name|0|0|no $bits-bit toolchain, see $out"
    elif [ "$(grep -c 'unix library ran' "$out")" -eq 2 ] && grep -q 'no unix library' "$out"; then
        echo "extra|$name|1|0|"
    else echo "extra|$name|0|1|see $out"; fi
done
exit 0
