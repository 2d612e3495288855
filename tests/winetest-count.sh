# Sourced by tests/run-tests.sh, tests/matrix/cells.sh and tests/matrix/run.sh.
# winetest_count OUTPUT EXITSTATUS: prints "PASSED FAILED" for one run of a
# Wine-style conformance test from its summary line, or nothing when it has
# none; a non-zero exit with no counted failure counts as one failure.
winetest_count() {
    sum=$(grep -E '^[0-9a-f]+:[a-z_]+: [0-9]+ tests executed' "$1" | tail -n 1)
    [ -n "$sum" ] || return 0
    n=$(echo "$sum" | sed 's/.*: \([0-9]*\) tests executed.*/\1/')
    x=$(echo "$sum" | sed 's/.*, \([0-9]*\) failures\{0,1\}).*/\1/')
    [ "$2" -ne 0 ] && [ "$x" -eq 0 ] && x=1
    echo "$((n - x)) $x"
}

# summary_count OUTPUT: prints "PASSED FAILED" from a last line "N passed, N
# failed" (this project's own suites), or nothing when there is none.
summary_count() {
    tail -n 1 "$1" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p'
}
