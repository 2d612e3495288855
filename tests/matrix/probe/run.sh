#!/bin/sh
# The loading probe of docs/loading.md: can an out-of-tree module be a PE DLL
# marked builtin plus a Unix library reached through __wine_unix_call, on
# this Wine and bitness?  Builds the pair against the installed Wine's
# libwinecrt0.a and runs three placements:
#   A  the pair on WINEDLLPATH only, no file on the Windows search path
#   B  the pair on WINEDLLPATH and a copy of the PE beside the program
#   C  only the copy beside the program (no WINEDLLPATH)
# Usage: tests/matrix/probe/run.sh 64|32 WORKDIR   (WINELOADER: the wine to use)
set -u
bits=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
case $bits in
    64) arch=x86_64; mingw=x86_64-w64-mingw32-gcc; m=-m64; multi=x86_64-linux-gnu
        loader=${WINELOADER:-wine64} ;;
    32) arch=i386; mingw=i686-w64-mingw32-gcc; m=-m32; multi=i386-linux-gnu
        loader=${WINELOADER:-wine} ;;
    *) echo "usage: $0 64|32 WORKDIR" >&2; exit 2 ;;
esac
crt=/usr/lib/$multi/wine/$arch-windows
lib=$work/lib
flags="-O2 -Wall -Wextra -Werror"
rm -rf "$work"
mkdir -p "$lib/$arch-windows" "$lib/$arch-unix" "$work/app"
$mingw $flags -shared -o "$lib/$arch-windows/probe.dll" "$here/probe_pe.c" "$crt/libwinecrt0.a" \
    -L"$crt" -lntdll -lkernel32 -Wl,--kill-at &&
    winebuild --builtin "$lib/$arch-windows/probe.dll" &&
    gcc $m $flags -shared -fPIC -o "$lib/$arch-unix/probe.so" "$here/probe_unix.c" &&
    $mingw $flags -o "$work/app/probe_main.exe" "$here/probe_main.c" || { echo "probe: build failed"; exit 1; }

export WINEPREFIX=$work/prefix WINEDEBUG=-all
unset WINEDLLPATH
run() {
    echo "== $1"
    shift
    "$@" "$loader" "$work/app/probe_main.exe"
    echo "exit $?"
}
run "A: on WINEDLLPATH only" env WINEDLLPATH="$lib"
cp "$lib/$arch-windows/probe.dll" "$work/app/"
run "B: on WINEDLLPATH, builtin copy beside the program" env WINEDLLPATH="$lib"
run "C: builtin copy beside the program only" env
# A prefix is over a gigabyte; the lines above are the result.
wineserver -k 2>/dev/null
rm -rf "$WINEPREFIX"
