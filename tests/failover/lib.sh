# Shared by the real-Wine failover proofs (run.sh, move.sh, policy.sh):
# two prefixes set up as nodes FO1 and FO2 of a store of their own, both
# running their cluster service, and a group FG with an IP Address and a
# Generic Application FAPP whose CommandLine is build/tests/failapp.exe
# (installed in each prefix's C:), online on FO1 with failapp running there.
# Sourced from the build top with $work set; it counts checks in passed and
# failed, and `finish` stops everything and prints "N passed, N failed".
top=$(pwd)
tool=$top/wineclus
nodes=FO
. "$top/tests/failover/twonodes.sh"

. "$top/tests/failover/apps.sh"
# online_on NODE: FG online, owned by NODE.
online_on() {
    "$tool" group show FG --json 2>/dev/null |
        python3 -c 'import json, sys; g = json.load(sys.stdin)["group"]; sys.exit(g["owner"] != sys.argv[1] or g["state"] != "online")' "$1"
}
# running_in N: failapp wrote C:\failapp.txt in FO<N>'s prefix as FO<N>, and runs there.
running_in() {
    [ "$(cut -d' ' -f1 "$work/p$1/drive_c/failapp.txt" 2>/dev/null)" = "FO$1" ] &&
        apps | grep -q " $work/p$1\$"
}
# only_in N: exactly one failapp runs, in FO<N>'s prefix (else says what runs).
only_in() {
    local live
    live=$(apps)
    [ "$(echo "$live" | grep -c .)" = 1 ] && echo "$live" | grep -q " $work/p$1\$" && return
    echo "$live" | tr '\n' ';'
    return 1
}
# sample_start / sample_stop: every 50 ms, until stopped, in how many
# prefixes failapp runs; sample_stop checks it never was two, naming WHAT.
sample_start() {
    rm -f "$work/stop" "$work/both"
    (
        samples=0
        while [ ! -e "$work/stop" ]; do
            [ "$(apps | cut -d' ' -f2 | sort -u | wc -l)" -gt 1 ] && apps >>"$work/both"
            samples=$((samples + 1))
            sleep 0.05
        done
        echo "$samples" >"$work/samples"
    ) &
    sampler=$!
}
sample_stop() {
    touch "$work/stop"
    wait "$sampler"
    sampler=
    check "$([ -e "$work/both" ] && echo 1 || echo 0)" "$1: failapp never ran in both prefixes at once ($(cat "$work/samples") samples): $(cat "$work/both" 2>/dev/null | tr '\n' ';')"
    rm -f "$work/both"
}
# wait_ms LIMIT COMMAND...: runs COMMAND every 100 ms until it succeeds or
# LIMIT ms passed; prints the ms it took.
wait_ms() {
    local limit=$1 t0
    shift
    t0=$(now_ms)
    while ! "$@" && [ $(($(now_ms) - t0)) -lt "$limit" ]; do sleep 0.1; done
    echo $(($(now_ms) - t0))
}
# on N: FG online on FO<N> with failapp running in its prefix.
on() { running_in "$1" && online_on "FO$1"; }
# figures NAME TIMES...: the median and the maximum of the times.
figures() {
    local name=$1
    shift
    [ $# -gt 0 ] || return
    set -- $(printf '%s\n' "$@" | sort -n)
    echo "figure ${name}_rounds $#"
    echo "figure ${name}_median_ms $(eval echo "\${$((($# + 1) / 2))}")"
    echo "figure ${name}_max_ms $(eval echo "\${$#}")"
}

for n in 1 2; do
    WINEPREFIX=$work/p$n "$tool" setup --node "FO$n" >"$work/setup$n.txt" 2>&1
    check $? "setup of FO$n's prefix: $(tail -n 3 "$work/setup$n.txt")"
    mkdir -p "$work/p$n/drive_c/failapp" && cp build/tests/failapp.exe "$work/p$n/drive_c/failapp/"
    check $? "failapp.exe installed in FO$n's prefix"
done
{
    "$tool" group add FG --owner FO1 &&
        "$tool" resource add FIP --type "IP Address" --group FG &&
        "$tool" resource add FAPP --type "Generic Application" --group FG --json >"$work/app.json" &&
        app=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resource"]["id"])' "$work/app.json") &&
        "$tool" registry set "Resources\\$app\\Parameters" CommandLine sz 'C:\failapp\failapp.exe "failover test"' &&
        "$tool" registry set "Resources\\$app\\Parameters" CurrentDirectory sz 'C:\failapp' &&
        "$tool" checkpoint add FAPP 'SOFTWARE\WineclusFailover' &&
        "$tool" node start --prefix "$work/p1" && "$tool" node start --prefix "$work/p2" &&
        "$tool" group online FG
} >"$work/make.txt" 2>&1
check $? "the group, its resources and both services: $(tail -n 3 "$work/make.txt")"
[ "$failed" -eq 0 ] || finish
ms=$(wait_ms 30000 on 1)
check $((ms >= 30000)) "FG online on FO1 with failapp in FO1's prefix: $(cat "$work/p1/drive_c/failapp.txt" 2>&1)"
[ "$failed" -eq 0 ] || finish
