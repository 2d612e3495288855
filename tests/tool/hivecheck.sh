# Sourced by the tool tests that read and write hives with hivexsh (Debian
# libhivex-bin), after checks.sh: the store, hsh and json_field.

export WINECLUS_STORE=$WORK/store

if ! command -v hivexsh >/dev/null; then
    not_ok "hivexsh is needed (Debian package libhivex-bin)"
    echo "$npass passed, $nfail failed"
    exit 1
fi

# Runs hivexsh's commands from stdin on hive $1 (-w: writable, committed).
hsh() {
    local script=$WORK/hivexsh.script
    cat >"$script"
    hivexsh "$@" -f "$script" >"$OUT" 2>"$ERR"
}

json_field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$OUT" "$1"; }
