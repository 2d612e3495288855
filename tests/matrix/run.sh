#!/bin/sh
# make check-matrix: the conformance suites and the demo on every Wine this
# machine can run, 64- and 32-bit, emulating win2003 and win2008:
#   1. the host's Wine, with the tree built here (make all);
#   2. Wine 10.0 in a Debian 13 chroot (tests/matrix/chroot.sh, cached under
#      build/), with a copy of this tree (committed or not), where the
#      README's two commands run exactly as written: ./quickstart demo and
#      ./quickstart test.
# Prints one table (Wine x bitness x Windows version, "passed/failed" per
# suite, or why a cell did not run) and ends with "N passed, N failed".
# The chroot needs root; as another user that part is reported as not run.
set -u
top=$(pwd)
root=${WINECLUS_MATRIX_ROOT:-build/matrix/trixie}
log=$top/build/matrix/log
cells=$top/build/matrix/cells.txt
start=$(date +%s)
. "$top/tests/winetest-count.sh"
rm -rf "$log"
mkdir -p "$log"
: >"$cells"

# Each line says the free space too: the chroot part needs about 10 GB at its
# peak (its root, the tree's build, Wine prefixes), and a full disk shows up
# late and far from its cause.
stamp() { echo "[$(( $(date +%s) - start )) s, $(df -Ph "$top/build" | awk 'NR == 2 { print $4 }') free] $*"; }

# A row outside the table's grid: one of the README's commands.
extra() { echo "extra|$1|$2|$3|${4:-}" >>"$cells"; }

stamp "host: $(. /etc/os-release && echo "$PRETTY_NAME"), $(${WINELOADER:-wine64} --version)"
tests/matrix/cells.sh >>"$cells" 2>"$log/host-cells.txt"

in_chroot() {   # LOGNAME COMMAND: run COMMAND in the chroot's copy of the tree
    tests/matrix/chroot.sh exec sh -c "cd /root/wineclus && $2" >"$log/$1.txt" 2>&1
}

chroot_part() {
    tests/matrix/chroot.sh make || return 1
    stamp "Debian 13 chroot ready ($root); copying the tree"
    src=$root/root/wineclus
    tests/matrix/chroot.sh copy /root/wineclus || return 1

    stamp "chroot: ./quickstart demo"
    in_chroot quickstart-demo "./quickstart demo"
    rc=$?
    # A prefix is about a gigabyte: what passed goes, what failed stays to be looked into.
    if [ "$rc" -eq 0 ]; then extra "Debian 13: ./quickstart demo" 1 0; rm -rf --one-file-system "$src/build/demo"
    else extra "Debian 13: ./quickstart demo" 0 1 "exit $rc, see $log/quickstart-demo.txt"; fi

    stamp "chroot: ./quickstart test"
    in_chroot quickstart-test "./quickstart test"
    counts=$(summary_count "$log/quickstart-test.txt")
    if [ -z "$counts" ]; then extra "Debian 13: ./quickstart test" 0 1 "no summary, see $log/quickstart-test.txt"
    else extra "Debian 13: ./quickstart test" ${counts% *} ${counts#* } \
        "$([ "${counts#* }" = 0 ] || echo "see $log/quickstart-test.txt")"; fi
    if [ "${counts#* }" = 0 ]; then
        rm -rf --one-file-system "$src/build/check" "$src/build/stress-run-quick" "$src/build/stress-run"
    fi

    stamp "chroot: Wine 10.0 cells"
    in_chroot chroot-cells "tests/matrix/cells.sh"
    grep -E '^(cell|extra)\|' "$log/chroot-cells.txt" >>"$cells"
    # The copy holds gigabytes of prefixes and stores; kept only to look into a failure.
    if awk -F'|' '($1 == "cell" && $7 > 0) || ($1 == "extra" && $4 > 0) { f = 1 } END { exit !f }' "$cells"; then
        echo "chroot: kept $src (something failed; the notes name its logs there)"
    else
        rm -rf --one-file-system "$src"
    fi
    return 0
}

if [ "$(id -u)" -ne 0 ]; then
    echo "Debian 13 chroot: not run, it needs root (debootstrap, chroot, mounts)"
    extra "Debian 13 chroot (Wine 10.0)" 0 0 "not run: needs root"
else
    chroot_part || extra "Debian 13 chroot (Wine 10.0)" 0 1 "chroot could not be made, see output above"
fi
stamp "done"

echo
awk -F'|' '
    function fmt(p, f, note) { return note != "" && p + f == 0 ? note : p "/" f }
    $1 == "cell" {
        key = $2 "|" $3 "|" $4
        if (!(key in seen)) { seen[key] = 1; order[n++] = key }
        v[key, $5] = fmt($6, $7, $8)
        if ($8 != "" && $6 + $7 > 0) notes[m++] = $2 " " $3 "-bit " $4 " " $5 ": " $8
        passed += $6; failed += $7
    }
    $1 == "extra" {
        xrow[x++] = sprintf("%-58s %s", $2, fmt($3, $4, $5) ($5 != "" && $3 + $4 > 0 ? "  (" $5 ")" : ""))
        passed += $3; failed += $4
    }
    END {
        printf "%-26s %-4s %-8s %-12s %-12s %-12s %-12s %-12s\n", "Wine", "bits", "Windows", "clusapi", "resutils", \
            "admin", "demo", "hostile"
        for (i = 0; i < n; i++) {
            split(order[i], k, "|")
            a = v[order[i], "admin"]
            h = v[order[i], "hostile"]
            printf "%-26s %-4s %-8s %-12s %-12s %-12s %-12s %-12s\n", k[1], k[2], k[3], \
                v[order[i], "clusapi"], v[order[i], "resutils"], a == "" ? "-" : a, v[order[i], "demo"], h == "" ? "-" : h
        }
        print "(passed/failed checks; a cell that did not run says why and counts nothing;"
        print " admin: the other tests of the conformance program (registry, properties, objects), emulating win2003;"
        print " hostile: the quick hostile calls of make stress, emulating win2003)"
        for (i = 0; i < m; i++) print "  " notes[i]
        if (x) print ""
        for (i = 0; i < x; i++) print xrow[i]
        printf "%d passed, %d failed\n", passed, failed
    }' "$cells" | tee "$log/table.txt"
tail -n 1 "$log/table.txt" | grep -q ' 0 failed$'
