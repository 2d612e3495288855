# Sourced by tests/run-tests.sh and tests/stress/hostile.sh, from the build top.
# why32: prints why the 32-bit programs of this tree cannot run here ("not
# built ...", "this Wine does not run ..."), nothing when they can.  Needs
# WINEPREFIX made a node by `wineclus setup`: the test is a 32-bit program
# started in it, since only that shows whether this Wine runs one.
why32() {
    if [ ! -f build/tests/crossbackup32.exe ] || [ ! -f build/i386-unix/wineclusapi.dll.so ]; then
        echo "not built; see the 32-bit line of ./configure"
    elif ! ./wineclus run build/tests/crossbackup32.exe 2>&1 | grep -q "Usage: crossbackup"; then
        echo "this Wine does not run 32-bit programs: apt-get install wine32:i386"
    fi
}
