# The start and the checks the tool's test scripts share, sourced as
# `. checks.sh BUILD_TOP` with the script's own arguments: it enters the
# build top, makes the throwaway folder $WORK (removed at exit, after the
# script's on_exit), and sets OUT, ERR and RC for the checks.  Each script
# prints one line per check, then "N passed, N failed".

if [ $# -ne 1 ]; then
    echo "Usage: $0 BUILD_TOP" >&2
    exit 2
fi
cd "$1" || exit 2
if [ ! -x ./wineclus ]; then
    echo "$0: no ./wineclus in $1: run \`make wineclus\` first" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "$0: python3 is needed to check the JSON" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'on_exit; rm -rf "$WORK"' EXIT
OUT=$WORK/out
ERR=$WORK/err
RC=0

npass=0
nfail=0
ok() { npass=$((npass + 1)); echo "ok - $*"; }
not_ok() {
    nfail=$((nfail + 1))
    echo "not ok - $*"
    sed 's/^/#   /' "$ERR"
}

# run ARGS...: wineclus ARGS with stdout in $OUT, stderr in $ERR, status in $RC;
# a run longer than $LIMIT seconds (default 120) is stopped with status 124,
# so a hang fails its check instead of stalling the suite.
run() {
    timeout "${LIMIT:-120}" ./wineclus "$@" >"$OUT" 2>"$ERR"
    RC=$?
}

# expect STATUS DESCRIPTION ARGS...: one check of the exit status.
expect() {
    local want=$1 desc=$2
    shift 2
    run "$@"
    if [ "$RC" = "$want" ]; then ok "$desc (exit $want)"; else not_ok "$desc: exit $RC, wanted $want"; fi
}

# err_has / out_has DESCRIPTION TEXT: the last run printed TEXT there.
err_has() { if grep -qF -- "$2" "$ERR"; then ok "$1"; else not_ok "$1: stderr lacks '$2'"; fi; }
out_has() { if grep -qF -- "$2" "$OUT"; then ok "$1"; else not_ok "$1: stdout lacks '$2'"; fi; }

# json DESCRIPTION [PYTHON-CONDITION]: stdout of the last run is one JSON
# document (d) for which the condition (which may span lines) holds.
json() {
    if python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 3)' "$OUT" "${2:-True}" 2>>"$ERR"; then
        ok "$1"
    else
        not_ok "$1: JSON invalid or condition false: ${2:-True}"
        sed 's/^/#   stdout: /' "$OUT" | head -20
    fi
}

# failure STATUS CODE DESCRIPTION ARGS...: fails with that exit status and
# names the Windows error code on stderr.
failure() {
    local want=$1 code=$2 desc=$3
    shift 3
    expect "$want" "$desc" "$@"
    err_has "$desc: names error $code" "error $code"
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds; its status.
wait_for() {
    local i=0 limit=$(($1 * 10))
    shift
    until "$@"; do
        i=$((i + 1))
        [ "$i" -ge "$limit" ] && return 1
        sleep 0.1
    done
}
