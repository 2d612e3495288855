#!/bin/bash
# Proves that include/wine/test.h behaves as the fact sheet
# (shared/reference/wine-test-framework.md) demands: builds the self-test
# with mingw-w64, runs it under Wine in several environments and compares
# every output line and every exit status with what the spec implies.
#
# Usage: tests/harness/check.sh BUILD_DIR
# Needs WINEPREFIX (an initialised prefix); WINE may name the loader.
# Prints one line per check, then "N passed, N failed"; exit 1 on failures.

set -u

if [ $# -ne 1 ]; then
    echo "Usage: $0 BUILD_DIR" >&2
    exit 2
fi
if [ -z "${WINEPREFIX:-}" ]; then
    echo "$0: set WINEPREFIX to an initialised Wine prefix" >&2
    exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
mkdir -p "$1" || exit 2
BUILD=$(cd "$1" && pwd)
WINE=${WINE:-/usr/lib/wine/wine64}
SRC=$HERE/selftest.c

# -iquote lets "wine/test.h" come from the repo while <clusapi.h> stays the
# mingw-w64 one, even though the repo has its own include/clusapi.h.
CC=(x86_64-w64-mingw32-gcc -D_WIN32_WINNT=0x0502 -iquote "$REPO/include" -Wall -Wextra -Werror)

# The caller's WINETEST_* settings would change what the runs must print.
for v in $(compgen -e | grep '^WINETEST_'); do unset "$v"; done
export WINEDEBUG=-all

npass=0
nfail=0
WINE_LINES=0
pass() { npass=$((npass + 1)); echo "PASS: $*"; }
fail() { nfail=$((nfail + 1)); echo "FAIL: $*"; }

finish() {
    # Not a check: what Wine itself printed is the host's business.
    echo "lines Wine added on stderr, not compared: $WINE_LINES"
    echo "$npass passed, $nfail failed"
    [ "$nfail" -eq 0 ]
    exit $?
}

# ---------------------------------------------------------------- building

if "${CC[@]}" -o "$BUILD/selftest.exe" "$SRC" "$HERE/testlist.c" 2> "$BUILD/build.log"; then
    pass "build selftest.exe"
else
    fail "build selftest.exe: $(head -n 5 "$BUILD/build.log" | tr '\n' ' ')"
    finish
fi
if "${CC[@]}" -DSELFTEST_SINGLE -o "$BUILD/selftest_single.exe" "$SRC" "$HERE/testlist.c" 2> "$BUILD/build.log"; then
    pass "build selftest_single.exe (one test in the table)"
else
    fail "build selftest_single.exe: $(head -n 5 "$BUILD/build.log" | tr '\n' ' ')"
fi

# A test file as the real ones are written: the stock SDK headers and ours
# side by side.  The decoy clusapi.h stands for the repo's winelib header
# and must not be picked up for <clusapi.h>.
mkdir -p "$BUILD/decoy"
echo '#error the repo clusapi.h was picked instead of the SDK one' > "$BUILD/decoy/clusapi.h"
cat > "$BUILD/probe.c" <<'EOF'
#include <windows.h>
#include <clusapi.h>
#include "wine/test.h"

static void test_probe(void)
{
    HCLUSTER cluster;
    DWORD err;

    SetLastError(0xdeadbeef);
    cluster = OpenCluster(NULL);
    err = GetLastError();
    if (!cluster)
    {
        skip("no cluster, error %lu\n", err);
        return;
    }
    todo_wine ok(cluster != NULL, "got %p, error %lu, name %s\n", cluster, err, wine_dbgstr_w(L"x"));
    CloseCluster(cluster);
}

START_TEST(probe)
{
    test_probe();
}
EOF
if "${CC[@]}" -iquote "$BUILD/decoy" -c -o "$BUILD/probe.o" "$BUILD/probe.c" 2> "$BUILD/build.log"; then
    pass "compile a test including <windows.h>, <clusapi.h> and \"wine/test.h\" with -iquote"
else
    fail "compile probe with -iquote: $(head -n 5 "$BUILD/build.log" | tr '\n' ' ')"
fi

# ------------------------------------------------ expected output generator
#
# The gen_* functions replay selftest.c statement by statement and append the
# lines the spec demands to EXP, keeping the counters the summary reports.
# Settings: IS_WINE, DEBUG, RSUCCESS, RFLAKY, THRESH.

declare -A LINENO_OF
while IFS=: read -r num rest; do
    name=${rest##*/\* @}
    name=${name%% \*/*}
    LINENO_OF[$name]=$num
done < <(grep -n '/\* @[a-z0-9_]* \*/' "$SRC")

L() {
    local n=${LINENO_OF[$1]:-}
    if [ -z "$n" ]; then
        echo "check.sh: no marker @$1 in selftest.c" >&2
        exit 2
    fi
    echo "$n"
}

F=selftest.c
EXP=()
declare -A SEEN
reset_counts() {
    N_SUCC=0 N_FAIL=0 N_FLAKY=0 N_TODO=0 N_TODOPASS=0 N_SKIP=0
    M_TODO=0 M_SKIP=0 M_TRACE=0
    SEEN=()
}
emit() { EXP+=("$1"); }

# Returns 0 when the line may print; emits the notice when it becomes muted.
unmuted() {
    local line=$1 c
    [ "$DEBUG" -gt 1 ] && return 0
    c=${SEEN[$line]:-0}
    SEEN[$line]=$((c + 1))
    if [ "$c" -eq "$THRESH" ]; then
        emit "$F:$line: Line has been silenced after $THRESH occurrences"
    fi
    [ "$c" -lt "$THRESH" ]
}

e_pass() {
    local line; line=$(L "$1")
    local n=${2:-1} i
    N_SUCC=$((N_SUCC + n))
    if [ "$RSUCCESS" -ne 0 ]; then
        for ((i = 0; i < n; i++)); do emit "$F:$line: Test succeeded"; done
    fi
}
e_fail() { N_FAIL=$((N_FAIL + 1)); emit "$F:$(L "$1"): Test failed: ${3:-}$2"; }
e_todopass() { N_TODOPASS=$((N_TODOPASS + 1)); emit "$F:$(L "$1"): Test succeeded inside todo block: ${3:-}$2"; }
e_flaky() { N_FLAKY=$((N_FLAKY + 1)); emit "$F:$(L "$1"): Test marked flaky: ${3:-}$2"; }
e_todo() {
    local line; line=$(L "$1")
    N_TODO=$((N_TODO + 1))
    [ "$DEBUG" -gt 0 ] || return 0
    if unmuted "$line"; then emit "$F:$line: Test marked todo: ${3:-}$2"; else M_TODO=$((M_TODO + 1)); fi
}
e_skip() {
    local line; line=$(L "$1")
    N_SKIP=$((N_SKIP + 1))
    if unmuted "$line"; then emit "$F:$line: Tests skipped: ${3:-}$2"; else M_SKIP=$((M_SKIP + 1)); fi
}
e_winskip() { if [ "$IS_WINE" -eq 1 ]; then e_fail "$@"; else e_skip "$@"; fi; }
e_trace() {
    local line; line=$(L "$1")
    [ "$DEBUG" -gt 0 ] || return 0
    if unmuted "$line"; then emit "$F:$line: ${3:-}$2"; else M_TRACE=$((M_TRACE + 1)); fi
}
e_summary() {
    [ "$DEBUG" -gt 0 ] || return 0
    local x=$((N_FAIL + N_TODOPASS)) word=failures
    [ "$x" -eq 1 ] && word=failure
    if [ $((M_TODO + M_SKIP + M_TRACE)) -gt 0 ]; then
        emit "PID:selftest: Silenced $M_TODO todos, $M_SKIP skips and $M_TRACE traces."
    fi
    emit "PID:selftest: $((N_SUCC + N_FAIL + N_FLAKY + N_TODO + N_TODOPASS)) tests executed ($N_TODO marked as todo, $N_FLAKY as flaky, $x $word), $N_SKIP skipped."
}
e_status() {
    local s=$((N_FAIL + N_TODOPASS))
    [ "$RFLAKY" -ne 0 ] && s=$((s + N_FLAKY))
    [ "$s" -gt 255 ] && s=255
    EXP_STATUS=$s
}

gen_child() {
    e_trace child_trace "child running"
    e_fail child_fail1 "child failure 1"
    e_fail child_fail2 "child failure 2"
    e_summary
    e_status
}

gen_one() {
    e_pass one_pass
    e_fail one_fail "the only failure"
    e_summary
    e_status
}

gen_many() {
    local i
    for ((i = 0; i < 300; i++)); do e_fail many_fail "failure $i"; done
    e_summary
    e_status
}

gen_crash() {
    e_pass crash_last
    emit "$F:$(L crash_last): this is the last test seen before the exception"
    emit "PID:selftest: unhandled exception c0000005 at ADDR"
    # The shell sees the low byte of STATUS_ACCESS_VIOLATION.
    EXP_STATUS=5
}

gen_main() {
    local i ctx w=$IS_WINE

    # test_ok
    e_pass pass1
    e_fail fail1 "plain failure 42"
    e_pass lazy
    e_pass lazy_check
    e_fail okfn "ok_ reports line $(L okfn)"
    e_fail le_fail "last error 3735928559"
    e_trace le_trace "trace sees 3735928559"
    e_skip le_skip "skip sees 3735928559"
    e_todo le_todo "todo sees 3735928559"
    e_pass le_after

    # test_todo
    if [ "$w" -eq 1 ]; then
        e_todo todo_fail "todo_wine failing"
        e_todopass todo_pass "todo_wine passing"
    else
        e_fail todo_fail "todo_wine failing"
        e_pass todo_pass
    fi
    e_todo todoif1 "todo_if(1) failing"
    e_pass todoif0
    if [ "$w" -eq 1 ]; then e_todo twi1 "todo_wine_if(1) failing"; else e_fail twi1 "todo_wine_if(1) failing"; fi
    e_fail twi0 "todo_wine_if(0) failing"
    e_todo nested_inner "nested todo failing"
    e_pass nested_outer
    e_todo anybit "an outer bit still counts"
    e_fail todo_popped "todo bits popped"
    if [ "$w" -eq 1 ]; then e_todo todo_winskip "win_skip inside todo_wine"; else e_skip todo_winskip "win_skip inside todo_wine"; fi

    # test_flaky
    e_flaky flaky_fail "flaky failing"
    e_pass flaky_pass
    e_fail flakyif0 "flaky_if(0) failing"
    if [ "$w" -eq 1 ]; then
        e_flaky flaky_wine "flaky_wine failing"
        e_flaky fwi1 "flaky_wine_if(1) failing"
    else
        e_fail flaky_wine "flaky_wine failing"
        e_fail fwi1 "flaky_wine_if(1) failing"
    fi
    e_fail fwi0 "flaky_wine_if(0) failing"
    e_pass flaky_block
    e_fail flaky_popped "flaky bits popped"

    # test_skip_broken_trace
    e_skip skip "skipping this"
    e_winskip win_skip "win_skip 1"
    if [ "$w" -eq 1 ]; then e_fail broken1 "broken(1) taken"; else e_pass broken1; fi
    e_pass broken0
    e_trace trace "tracing 7"

    # test_context
    ctx="outer 1: inner: "
    e_pass ctx_pass
    e_fail ctx_fail "failure in context" "$ctx"
    e_todo ctx_todo "todo in context" "$ctx"
    e_todopass ctx_todopass "todo pass in context" "$ctx"
    e_flaky ctx_flaky "flaky in context" "$ctx"
    e_skip ctx_skip "skip in context" "$ctx"
    e_winskip ctx_winskip "win_skip in context" "$ctx"
    e_trace ctx_trace "trace in context" "$ctx"
    e_fail ctx_pop1 "after inner pop" "outer 1: "
    e_fail ctx_pop2 "after outer pop"
    e_trace ctx_deep "nine deep" "c0: c1: c2: c3: c4: c5: c6: c7: "
    e_trace ctx_none "all popped"
    e_trace ctx_long "long context" "$(printf 'x%.0s' $(seq 127)): "
    e_trace ctx_extra "popping an empty stack is harmless"

    # test_muting
    for ((i = 0; i < 50; i++)); do e_skip mute_skip "repeated skip"; done
    for ((i = 0; i < 45; i++)); do e_trace mute_trace "repeated trace $i"; done
    for ((i = 0; i < 44; i++)); do e_todo mute_todo "repeated todo"; done
    for ((i = 0; i < 43; i++)); do e_fail mute_fail "repeated failure"; done

    # test_dbgstr
    for i in dbg_w dbg_wnull dbg_wn dbg_guid dbg_ll dbg_ll2 array_size; do e_pass $i; done
    e_fail getfail "counted failure"
    e_pass getfail2
    N_FAIL=$((N_FAIL + 2)) # winetest_add_failures(2) prints nothing
    e_pass addfail

    # test_threads
    for ((i = 0; i < 4; i++)); do e_todo thr_todo "thread todo" "worker: "; done
    e_pass thr_pass 10000
    e_todo thr_main "main thread todo" "main: "

    # run_child("child"): the child counts for itself, the parent adds its status
    e_pass child_create
    local saved=("$N_SUCC" "$N_FAIL" "$N_FLAKY" "$N_TODO" "$N_TODOPASS" "$N_SKIP" "$M_TODO" "$M_SKIP" "$M_TRACE")
    reset_counts
    gen_child
    local child_status=$EXP_STATUS
    N_SUCC=${saved[0]} N_FAIL=${saved[1]} N_FLAKY=${saved[2]} N_TODO=${saved[3]} N_TODOPASS=${saved[4]}
    N_SKIP=${saved[5]} M_TODO=${saved[6]} M_SKIP=${saved[7]} M_TRACE=${saved[8]}
    emit "$F:$(L child_wait): $child_status failures in child process"
    N_FAIL=$((N_FAIL + child_status))

    # run_child("crash"): one failure for the whole child
    e_pass child_create
    local s_succ=$N_SUCC
    gen_crash
    N_SUCC=$s_succ
    emit "$F:$(L child_wait): unhandled exception c0000005 in child process PID"
    N_FAIL=$((N_FAIL + 1))

    e_summary
    e_status
}

# ------------------------------------------------------------- comparison

# Pids and addresses vary from run to run; everything else must match.
normalize() {
    tr -d '\r' | sed -E \
        -e 's/^[0-9a-f]{4,}:selftest/PID:selftest/' \
        -e 's/(unhandled exception [0-9a-f]{8}) at [0-9A-Fa-f]+$/\1 at ADDR/' \
        -e 's/(in child process )[0-9a-f]{4,}$/\1PID/'
}

# compare NAME STATUS FILE: checks FILE (normalized output) against EXP and
# STATUS against EXP_STATUS; identical consecutive expected lines form one check.
compare() {
    local name=$1 status=$2 file=$3
    local -a act
    mapfile -t act < "$file"
    local i=0 j n=${#EXP[@]} ok bad
    while [ "$i" -lt "$n" ]; do
        j=$i
        while [ $((j + 1)) -lt "$n" ] && [ "${EXP[j + 1]}" == "${EXP[i]}" ]; do j=$((j + 1)); done
        ok=1
        for ((k = i; k <= j; k++)); do
            if [ "${act[k]-<no line>}" != "${EXP[k]}" ]; then ok=0; bad=$k; break; fi
        done
        if [ "$ok" -eq 1 ]; then
            if [ "$j" -gt "$i" ]; then
                pass "$name: lines $((i + 1))-$((j + 1)): ${EXP[i]} (x$((j - i + 1)))"
            else
                pass "$name: line $((i + 1)): ${EXP[i]}"
            fi
        else
            fail "$name: line $((bad + 1)): expected '${EXP[bad]}', got '${act[bad]-<no line>}'"
        fi
        i=$((j + 1))
    done
    if [ "${#act[@]}" -gt "$n" ]; then
        fail "$name: $((${#act[@]} - n)) unexpected extra lines, first: '${act[n]}'"
    else
        pass "$name: no extra lines"
    fi
    if [ "$status" -eq "$EXP_STATUS" ]; then
        pass "$name: exit status $status"
    else
        fail "$name: exit status $status, expected $EXP_STATUS"
    fi
}

# run OUTFILE EXE [ENV=VALUE...] -- ARGS...: runs under Wine; sets STATUS.
# OUTFILE (raw) gets the harness's own stderr lines, then its stdout.  The
# harness writes to stderr only "Usage: " and "Fatal: " lines, each before
# anything on stdout; whatever else stderr carries was added by Wine or the
# libraries it loads (Wine 10 in a bare chroot: "error: XDG_RUNTIME_DIR is
# invalid or not set in the environment."), goes to OUTFILE.wine and is not
# compared.
run() {
    local out=$1 exe=$2
    shift 2
    local -a envs=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    env "${envs[@]}" "$WINE" "$exe" "$@" > "$out.stdout" 2> "$out.stderr"
    STATUS=$?
    { grep -aE '^(Usage|Fatal): ' "$out.stderr"; cat "$out.stdout"; } > "$out"
    grep -avE '^(Usage|Fatal): ' "$out.stderr" > "$out.wine"
    WINE_LINES=$((WINE_LINES + $(wc -l < "$out.wine")))
}

# case NAME GEN IS_WINE DEBUG RSUCCESS RFLAKY THRESH ENV... -- ARGS...
check_case() {
    local name=$1 gen=$2
    IS_WINE=$3 DEBUG=$4 RSUCCESS=$5 RFLAKY=$6 THRESH=$7
    shift 7
    EXP=()
    reset_counts
    $gen
    run "$BUILD/$name.raw" "$BUILD/selftest.exe" "$@"
    normalize < "$BUILD/$name.raw" > "$BUILD/$name.out"
    compare "$name" "$STATUS" "$BUILD/$name.out"
}

S=(-- selftest)

# The platform decides todo_wine, flaky_wine, win_skip and broken.
check_case wine gen_main 1 1 0 0 42 WINETEST_PLATFORM=wine "${S[@]}"
check_case windows gen_main 0 1 0 0 42 WINETEST_PLATFORM=windows "${S[@]}"
# Unset, the ntdll export decides; only the exact string "wine" is Wine.
check_case detected gen_main 1 1 0 0 42 "${S[@]}"
check_case not-exact gen_main 0 1 0 0 42 WINETEST_PLATFORM=Wine "${S[@]}"
# Debug 0: no traces, no todo lines, no summary; >1: nothing muted.
check_case quiet gen_main 1 0 0 0 42 WINETEST_PLATFORM=wine WINETEST_DEBUG=0 "${S[@]}"
check_case verbose gen_main 1 2 0 0 42 WINETEST_PLATFORM=wine WINETEST_DEBUG=2 "${S[@]}"
check_case report-success gen_main 0 1 1 0 42 WINETEST_PLATFORM=windows WINETEST_REPORT_SUCCESS=1 "${S[@]}"
check_case report-flaky gen_main 1 1 0 1 42 WINETEST_PLATFORM=wine WINETEST_REPORT_FLAKY=1 "${S[@]}"
check_case threshold gen_main 1 1 0 0 5 WINETEST_PLATFORM=wine WINETEST_MUTE_THRESHOLD=5 "${S[@]}"
check_case color-auto gen_main 1 1 0 0 42 WINETEST_PLATFORM=wine WINETEST_COLOR=auto "${S[@]}"
# Test names match ignoring a directory and a trailing .c.
check_case by-path gen_main 1 1 0 0 42 WINETEST_PLATFORM=wine -- 'dlls\clusapi\tests/selftest.c'
# The child branches run alone, as a parent starts them.
check_case child gen_child 1 1 0 0 42 WINETEST_PLATFORM=wine -- selftest child
# "1 failure" in the singular; the exit status is capped at 255.
check_case one-failure gen_one 1 1 0 0 42 WINETEST_PLATFORM=wine -- selftest one
check_case capped gen_many 1 1 0 0 42 WINETEST_PLATFORM=wine -- selftest many
check_case crash gen_crash 1 1 0 0 42 WINETEST_PLATFORM=wine -- selftest crash

# WINETEST_TIME: every prefix carries the elapsed time; otherwise unchanged.
EXP=(); reset_counts; IS_WINE=1 DEBUG=1 RSUCCESS=0 RFLAKY=0 THRESH=42; gen_main
run "$BUILD/time.raw" "$BUILD/selftest.exe" WINETEST_PLATFORM=wine WINETEST_TIME=1 "${S[@]}"
untimed=$(tr -d '\r' < "$BUILD/time.raw" | grep -Evc '^(selftest\.c:[0-9]+|[0-9a-f]{4,}:selftest):[0-9]+\.[0-9]{3} ')
if [ "$untimed" -eq 0 ]; then
    pass "time: every line has FILE:LINE:ELAPSED or PID:TEST:ELAPSED"
else
    fail "time: $untimed lines without an elapsed time"
fi
sed -E 's/^((selftest\.c:[0-9]+|[0-9a-f]{4,}:selftest):)[0-9]+\.[0-9]{3} /\1 /' "$BUILD/time.raw" | normalize > "$BUILD/time.out"
compare time "$STATUS" "$BUILD/time.out"

# WINETEST_COLOR=1: escapes around the line types; otherwise unchanged.
EXP=(); reset_counts; IS_WINE=1 DEBUG=1 RSUCCESS=0 RFLAKY=0 THRESH=42; gen_main
run "$BUILD/color.raw" "$BUILD/selftest.exe" WINETEST_PLATFORM=wine WINETEST_COLOR=1 "${S[@]}"
if grep -q $'^selftest\\.c:[0-9]*: \x1b\\[[0-9;]*mTest failed\x1b\\[0m: ' "$BUILD/color.raw"; then
    pass "color: failure lines are coloured"
else
    fail "color: no coloured failure line"
fi
sed -E $'s/\x1b\\[[0-9;]*m//g' "$BUILD/color.raw" | normalize > "$BUILD/color.out"
compare color "$STATUS" "$BUILD/color.out"

# ------------------------------------------------------------ command line

# Checks the whole (normalized) output of a command-line run.
check_lines() {
    local name=$1 want_status=$2 file=$3
    shift 3
    EXP=("$@")
    EXP_STATUS=$want_status
    normalize < "$file" > "$file.out"
    compare "$name" "$STATUS" "$file.out"
}

run "$BUILD/list.raw" "$BUILD/selftest.exe" -- --list
check_lines list 0 "$BUILD/list.raw" "Valid test names:" "    selftest" "    selftest2"

run "$BUILD/unknown.raw" "$BUILD/selftest.exe" -- nosuch
check_lines unknown 1 "$BUILD/unknown.raw" "Fatal: test 'nosuch' does not exist."

# A prefix of a real name is still unknown.
run "$BUILD/prefix.raw" "$BUILD/selftest.exe" -- selftes
check_lines unknown-prefix 1 "$BUILD/prefix.raw" "Fatal: test 'selftes' does not exist."

# No argument and several tests: usage (argv[0] as Wine passes it) and list.
run "$BUILD/usage.raw" "$BUILD/selftest.exe" --
argv0=$(tr -d '\r' < "$BUILD/usage.raw" | sed -n 's/^Usage: \(.*\) test_name$/\1/p' | head -n 1)
case "$argv0" in
*selftest.exe) pass "usage: names the program ($argv0)" ;;
*) fail "usage: no 'Usage: ARGV0 test_name' line" ;;
esac
check_lines usage 1 "$BUILD/usage.raw" "Usage: $argv0 test_name" "Valid test names:" "    selftest" "    selftest2"

# No argument and a single test: that test runs.
EXP=(); reset_counts; IS_WINE=1 DEBUG=1 RSUCCESS=0 RFLAKY=0 THRESH=42; gen_main
run "$BUILD/single.raw" "$BUILD/selftest_single.exe" WINETEST_PLATFORM=wine --
normalize < "$BUILD/single.raw" > "$BUILD/single.out"
compare single-no-argument "$STATUS" "$BUILD/single.out"

# Lines Wine itself writes on stderr, before and after the program's own,
# change nothing (Wine 10 in a bare chroot adds one to every run).
cat > "$BUILD/noisy-wine" <<EOF
#!/bin/sh
echo "error: XDG_RUNTIME_DIR is invalid or not set in the environment." >&2
"$WINE" "\$@"
rc=\$?
echo "0024:err:module:something Wine said on its way out" >&2
exit \$rc
EOF
chmod +x "$BUILD/noisy-wine"
before=$WINE_LINES
WINE_REAL=$WINE WINE=$BUILD/noisy-wine
check_case wine-noise gen_main 1 1 0 0 42 WINETEST_PLATFORM=wine "${S[@]}"
run "$BUILD/noise-unknown.raw" "$BUILD/selftest.exe" -- nosuch
check_lines wine-noise-fatal 1 "$BUILD/noise-unknown.raw" "Fatal: test 'nosuch' does not exist."
WINE=$WINE_REAL
if [ $((WINE_LINES - before)) -eq 4 ]; then
    pass "wine-noise: Wine's 4 stderr lines set aside, not compared"
else
    fail "wine-noise: $((WINE_LINES - before)) stderr lines set aside, expected 4"
fi

finish
