#!/bin/sh
# The Debian 13 (trixie) chroot of the test matrix, where ./quickstart installs
# Wine 10.0, 64- and 32-bit, as on any fresh Debian 13.
#
#   tests/matrix/chroot.sh make         create it (once), install its few packages (once)
#   tests/matrix/chroot.sh exec CMD...  run CMD inside it, as root, with a clean environment
#   tests/matrix/chroot.sh copy DIR     copy the tree (run from its top) to /DIR inside it, replacing
#                                       what was there: tracked files as they are now and new files
#                                       not ignored, so uncommitted work is included
#
# It lives in $WINECLUS_MATRIX_ROOT, default build/matrix/trixie.  Made with
# debootstrap from Debian's own packages only; stamp files in the root record
# what is done, so a second run neither downloads nor installs anything.
# Needs root (debootstrap, chroot, mounts): as another user it says so and
# exits 77.  /proc and /dev are mounted for each exec in a mount namespace of
# its own, so nothing stays mounted afterwards and the host's mounts are
# never touched.
set -eu
root=${WINECLUS_MATRIX_ROOT:-build/matrix/trixie}
# The Debian archive this machine's apt uses, unless WINECLUS_MATRIX_MIRROR
# names one; with neither, debootstrap's own default.
host_mirror() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -oE 'https?://[^ ]*/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' '
}
mirror=${WINECLUS_MATRIX_MIRROR:-$(host_mirror)}
suite=trixie
# What the matrix's scripts need beyond Debian's minimal base; the rest
# (Wine, 32- and 64-bit, the toolchains) is left to ./quickstart, the first
# thing the matrix runs there, to prove it installs them on a fresh Debian 13.
packages="procps"

say() { echo "matrix chroot: $*"; }

# Downloads fail for reasons outside the project (a mirror's hiccup, a
# proxy): each step that downloads is tried 3 times, WINECLUS_MATRIX_WAIT
# seconds apart (30).  After the third failure the last line on stderr says
# which step failed and why, and chroot.sh exits 75.
tries=3
retry() {   # WHAT LOG UNDO CMD...: CMD, its output in LOG; UNDO run before another try
    what=$1 log=$2 undo=$3; shift 3
    n=1
    while :; do
        "$@" >"$log" 2>&1 && return 0
        why=$(grep -v '^ *$' "$log" | tail -n 1)
        if [ "$n" -ge "$tries" ]; then
            tail -n 20 "$log" >&2
            say "$what failed $tries times; the last: ${why:-no message} (log: $log)" >&2
            exit 75
        fi
        say "$what failed (try $n of $tries: ${why:-no message}); trying again in ${WINECLUS_MATRIX_WAIT:-30} s" >&2
        sleep "${WINECLUS_MATRIX_WAIT:-30}"
        $undo
        n=$((n + 1))
    done
}

need_root() {
    [ "$(id -u)" -eq 0 ] && return 0
    say "needs root (debootstrap, chroot and mounts); not run as $(id -un)" >&2
    exit 77
}

# A folder with something mounted below it must never be deleted.
mounted_below() {
    awk -v r="$1/" 'index($2 "/", r) == 1 { found = 1 } END { exit !found }' /proc/mounts
}

in_root() {
    unshare --mount --propagation private sh -c '
        r=$1; shift
        mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" || exit 125
        exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"' sh "$root" "$@"
}

# A root that debootstrap began and did not finish: removed, unless
# something is still mounted below it.
remove_half_made() {
    if mounted_below "$root"; then
        say "the half-made $root has mounts below it: unmount them, then remove it" >&2
        exit 1
    fi
    say "removing the half-made $root"
    rm -rf --one-file-system "$root"
}

# stamped PACKAGES: each of them installed by an earlier run (which may have had a longer list).
stamped() {
    for p in $1; do
        grep -qw -- "$p" "$root/.wineclus-packages" 2>/dev/null || return 1
    done
}

make_root() {
    need_root
    mkdir -p "$(dirname "$root")"
    root=$(cd "$(dirname "$root")" && pwd)/$(basename "$root")
    if [ ! -f "$root/.wineclus-bootstrap" ] && [ -f "$root/etc/debian_version" ] &&
       [ ! -f "$root.debootstrap.log" ]; then
        # A Debian root made by someone else (WINECLUS_MATRIX_ROOT): used as it is.
        say "using the existing Debian root $root"
        touch "$root/.wineclus-bootstrap"
    fi
    if [ ! -f "$root/.wineclus-bootstrap" ]; then
        if [ -e "$root" ]; then
            if [ ! -f "$root.debootstrap.log" ] || mounted_below "$root"; then
                say "$root exists, is no Debian root and was not begun here (or has mounts below it):" \
                    "remove it or name another folder in WINECLUS_MATRIX_ROOT" >&2
                exit 1
            fi
            remove_half_made
        fi
        if ! command -v debootstrap >/dev/null; then
            say "installing debootstrap"
            export DEBIAN_FRONTEND=noninteractive
            retry "installing debootstrap (apt-get)" "$root.host-apt.log" : \
                sh -c 'apt-get update -q && apt-get install -y -q debootstrap'
        fi
        say "debootstrap --variant=minbase $suite $root (log: $root.debootstrap.log)"
        t=$(date +%s)
        retry "debootstrap" "$root.debootstrap.log" remove_half_made \
            debootstrap --variant=minbase "$suite" "$root" $mirror
        touch "$root/.wineclus-bootstrap"
        say "debootstrap took $(( $(date +%s) - t )) s"
    fi
    if ! stamped "$packages"; then
        say "installing $packages (log: $root.apt.log)"
        t=$(date +%s)
        # apt-get update succeeds with an index missing; the install then fails and is tried again.
        retry "installing the chroot's packages (apt-get)" "$root.apt.log" : \
            in_root sh -c "apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages"
        in_root apt-get clean
        echo "$packages" >"$root/.wineclus-packages"
        say "packages took $(( $(date +%s) - t )) s"
    fi
}

copy_tree() {
    need_root
    dest=$root/${1#/}
    rm -rf --one-file-system "$dest"
    mkdir -p "$dest"
    git ls-files -z --cached --others --exclude-standard |
        tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$dest"
}

case "${1:-}" in
    make) make_root ;;
    exec) shift; need_root; in_root "$@" ;;
    copy) [ $# -eq 2 ] || { echo "Usage: $0 copy DIR" >&2; exit 2; }; copy_tree "$2" ;;
    *) echo "Usage: $0 make | exec CMD... | copy DIR" >&2; exit 2 ;;
esac
