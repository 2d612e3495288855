#!/bin/sh
# make stress: the fault and hostile-input campaign (docs/robustness.md).
#   tests/stress/run.sh [--quick]
# Every part runs in a throwaway store, prefix and folders under
# build/stress-run; the table of figures comes last, then "N passed, N failed".
# --quick is the subset make check runs (a minute, not fifteen).
set -u
quick=0
[ "${1:-}" = "--quick" ] && quick=1
top=$(pwd)
bin=$top/build/stress
work=$top/build/stress-run$([ $quick = 1 ] && echo -quick)
seed=${STRESS_SEED:-$(date +%s)}
passed=0
failed=0
WINESERVER=${WINESERVER:-wineserver}

if [ $quick = 1 ]; then
    kills=8 mb=4 fuzz_secs=4 rounds=1 concur_rounds=1 concur_secs=2 hostile_args=
else
    kills=${STRESS_KILLS:-200} mb=24 fuzz_secs=${STRESS_FUZZ_SECS:-120} rounds=4 concur_rounds=10 concur_secs=15 \
        hostile_args="8 12000 1000"   # batches, calls each, registry streams
fi
rm -rf "$work"
mkdir -p "$work/log"
echo "stress campaign (seed $seed) in $work"
# A private copy of the tool: a rebuild while the campaign runs must not
# turn into failed runs.
cp "$top/wineclus" "$work/wineclus" || exit 1
tool=$work/wineclus

# part NAME COMMAND...: one program whose last line is "N passed, N failed".
part() {
    name=$1; shift
    out=$work/log/$name.txt
    t0=$(date +%s)
    "$@" >"$out" 2>&1
    rc=$?
    last=$(tail -n 1 "$out")
    # A part that cannot run here says why in its last line, counted neither way.
    case $last in "32-bit: skipped ("*) echo "$name: $last"; return ;; esac
    p=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p')
    f=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p')
    if [ -z "$p" ]; then p=0; f=1; echo "$name: no summary (exit status $rc)"; tail -n 5 "$out"; fi
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "$name: exit status $rc"; fi
    [ "$f" -ne 0 ] && grep '^not ok' "$out" | head -n 10
    printf '%-12s %7s passed, %s failed  (%ss)\n' "$name" "$p" "$f" $(( $(date +%s) - t0 ))
    passed=$((passed + p)); failed=$((failed + f))
}

fig() { # fig NAME: a figure printed by any part, 0 if none
    v=$(grep -h "^figure $1 " "$work"/log/*.txt 2>/dev/null | tail -n 1 | cut -d' ' -f3)
    echo "${v:-0}"
}

# A small file system for real ENOSPC: a tmpfs in a private mount namespace
# (no root needed where user namespaces are allowed); skipped otherwise.
smallfs_run() {
    mkdir -p "$work/smallfs"
    if unshare -rm true 2>/dev/null; then
        unshare -rm sh -c 'mount -t tmpfs -o size=3m tmpfs "$1" && shift && exec "$@"' sh "$work/smallfs" "$@"
    else
        echo "no mount namespace here: the small file system part is skipped"
        "$@"
    fi
}

part kill "$bin/kill" "$tool" "$work/kill" "$kills" "$seed" "$mb"
if [ $quick = 0 ]; then
    part faults smallfs_run "$bin/faults" "$tool" "$work/faults" "$work/smallfs"
else
    part faults "$bin/faults" "$tool" "$work/faults" - 9
fi
part durable "$bin/durable" "$tool" "$work/durable"
part damage "$bin/damage" "$work/damage" "$seed" "$rounds"
part storedir "$bin/storedir" "$work/storedir"
part concur "$bin/concur" "$tool" "$work/concur" "$concur_rounds" "$concur_secs"
# make check runs a few failover, move and policy rounds itself (tests/run-tests.sh).
[ $quick = 0 ] && part failover tests/failover/run.sh "$work/failover" "${STRESS_FAILOVER_ROUNDS:-100}"
[ $quick = 0 ] && part move tests/failover/move.sh "$work/move" "${STRESS_MOVE_ROUNDS:-100}"
[ $quick = 0 ] && part policy tests/failover/policy.sh "$work/policy" "${STRESS_POLICY_ROUNDS:-10}" 3
# Three etcd members, one killed at a time (the leader every other time),
# during backups and restores of a cluster stored on them (docs/etcd.md).
[ $quick = 0 ] && part etcd tests/stress/etcd_members.sh "$tool" "$work/etcd" "${STRESS_ETCD_OPS:-100}" "${STRESS_ETCD_OPS:-100}"
# Two hosts as network namespaces, one cut off: its node down, its group on the other (docs/etcd.md).
[ $quick = 0 ] && part etcdhosts tests/stress/etcd_hosts.sh "$work/etcdhosts"

# Fuzzing: seeds from a real set, two targets at a time (two cores).
fuzz() {
    t=$1
    mkdir -p "$work/corpus/$t"
    case $t in
    # The target's first byte is its own (chunk size, flags): the chk hive
    # after one, so that the seed reaches the hive reader as it is.
    load) for f in "$work"/damage/good/chk*.tmp; do { printf '\300'; cat "$f"; } >"$work/corpus/$t/chk-hive"; done ;;
    manifest) cp "$work/damage/good/wineclus.sum" "$work/corpus/$t/" 2>/dev/null ;;
    restore) sed '$d' "$work/damage/good/wineclus.sum" >"$work/corpus/$t/seed" 2>/dev/null ;;
    hive) cp "$work"/damage/good/*/*.CPT "$work/corpus/$t/" 2>/dev/null ;;
    # A key "K" with a DWORD value "V": what the DLL reads a tree into.
    regstream) printf 'WCREG1\n\0K\0\0\0\0V\1\0\0\0V\0\4\0\0\0\4\0\0\0\1\0\0\0E' >"$work/corpus/$t/seed" ;;
    # One property "A", DWORD 1: count, name entry, value entry, end mark.
    proplist) printf '\1\0\0\0\3\0\4\0\4\0\0\0A\0\0\0\2\0\1\0\4\0\0\0\1\0\0\0\0\0\0\0' >"$work/corpus/$t/seed" ;;
    esac
    # The hive readers run a million inputs each in the full campaign
    # (hivex is C reading untrusted bytes), however long that takes: the
    # checkpoints' (hive) and the database's, which load reaches through
    # the chk hive it is seeded with.
    limit="-max_total_time=$fuzz_secs"
    case $t in hive|load) [ $quick = 0 ] && limit="-runs=${STRESS_HIVE_RUNS:-1000000}" ;; esac
    FUZZ_SET=$work/damage/good "$bin/fuzz_$t" $limit -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/log/crash-$t-" "$work/corpus/$t" >"$work/log/fuzz-$t.raw" 2>&1
    rc=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/log/fuzz-$t.raw" | tail -n 1)
    {
        echo "figure fuzz_${t}_execs ${runs:-0}"
        if [ $rc -eq 0 ] && [ -n "$runs" ]; then
            echo "figure fuzz_${t}_crashes 0"; echo "1 passed, 0 failed"
        else
            echo "figure fuzz_${t}_crashes 1"; grep -E 'ERROR|SUMMARY' "$work/log/fuzz-$t.raw" | head -n 5
            echo "not ok: fuzz_$t found a crash: $(ls "$work"/log/crash-$t-* 2>/dev/null | head -n 1)"
            echo "0 passed, 1 failed"
        fi
    } >"$work/log/fuzz-$t.out"
}
fuzz load & fuzz manifest & wait
fuzz restore & fuzz regstream & wait
fuzz hive & fuzz proplist & wait
for t in load manifest restore regstream hive proplist; do part "fuzz-$t" cat "$work/log/fuzz-$t.out"; done

# Hostile calls under Wine, 64- and 32-bit, each in a throwaway prefix and
# store, plus hostile registry checkpoint streams applied by the first OpenCluster.
for bits in 64 32; do
    part "hostile$([ $bits = 32 ] && echo 32)" tests/stress/hostile.sh "$bits" "$work/wine$bits" "$seed" $hostile_args
done

echo
echo "campaign                         figures"
printf '  %-30s %s tried, %s mid-run; old %s, new %s (%s without marker until repair)\n' "backup kill -9" \
    "$(fig backup_kills)" "$(fig backup_kills_midrun)" "$(fig backup_kills_old)" "$(fig backup_kills_new)" \
    "$(fig backup_kills_unmarked)"
printf '  %-30s %s tried, marker present after %s, over a different set %s\n' "quiet backup kill -9 loop" \
    "$(fig quiet_kills)" "$(fig quiet_kills_marked)" "$(fig quiet_kills_bad)"
printf '  %-30s %s tried, %s mid-run; old %s, new %s, torn %s; stray contents files after %s\n' "restore kill -9" \
    "$(fig restore_kills)" "$(fig restore_kills_midrun)" "$(fig restore_kills_old)" "$(fig restore_kills_new)" \
    "$(fig restore_kills_torn)" "$(fig restore_kills_stray)"
printf '  %-30s %s injected, %s refused with a clear code, %s absorbed\n' "I/O faults (fsio + SQLite)" \
    "$(fig faults_injected)" "$(fig faults_refused_cleanly)" "$(fig faults_absorbed)"
printf '  %-30s %s crash points\n' "process death at each call" "$(fig crash_points)"
printf '  %-30s %s backups traced, %s marker arrivals with nothing unflushed\n' "durability (flush order)" \
    "$(fig durable_backups)" "$(fig durable_marker_arrivals)"
printf '  %-30s %s backups, %s refused with ERROR_DISK_FULL\n' "small file system" "$(fig diskfull_backups)" \
    "$(fig diskfull_refused)"
printf '  %-30s %s damaged sets, %s refused\n' "integrity" "$(fig damaged_sets)" "$(fig damaged_refused)"
printf '  %-30s %s planted names\n' "links/read-only/specials" "$(fig planted_names)"
printf '  %-30s %s planted in sets, all refused at once\n' "FIFOs/sockets/devices" "$(fig specials_in_sets)"
printf '  %-30s %s planted names, %s refused cleanly, %s used without following\n' "store's own folders" \
    "$(fig store_plants)" "$(fig store_plants_refused)" "$(fig store_plants_worked)"
printf '  %-30s %s sets, %s refused\n' "hostile names in sets" "$(fig hostile_name_sets)" "$(fig hostile_name_refused)"
printf '  %-30s %s parallel, %s under writers, %s while open\n' "concurrency" "$(fig parallel_backups)" \
    "$(fig backups_under_writes)" "$(fig restores_while_open)"
printf '  %-30s %s calls refused with 32 (library and tool), %s details naming the holder, %s waiters let through\n' "foreign locks" \
    "$(fig foreign_lock_refused)" "$(fig foreign_lock_named)" "$(fig foreign_lock_waiters)"
[ $quick = 0 ] && printf '  %-30s %s rounds with real Wine, median %s ms, max %s ms\n' "failover after kill -9" \
    "$(fig failover_rounds)" "$(fig failover_median_ms)" "$(fig failover_max_ms)"
[ $quick = 0 ] && printf '  %-30s %s rounds with real Wine, median %s ms, max %s ms\n' "group move, never on both" \
    "$(fig move_rounds)" "$(fig move_median_ms)" "$(fig move_max_ms)"
[ $quick = 0 ] && printf '  %-30s restarts %s (median %s ms, max %s), failovers %s (%s, %s), failbacks %s (%s, %s)\n' \
    "restart policy, failback" "$(fig restart_rounds)" "$(fig restart_median_ms)" "$(fig restart_max_ms)" \
    "$(fig failover_after_failure_rounds)" "$(fig failover_after_failure_median_ms)" \
    "$(fig failover_after_failure_max_ms)" "$(fig failback_rounds)" "$(fig failback_median_ms)" "$(fig failback_max_ms)"
[ $quick = 0 ] && printf '  %-30s %s kills: %s backups whole, %s failed clearly; %s restores whole, %s failed clearly\n' \
    "etcd members killed" "$(fig etcd_kills)" "$(fig etcd_backups_whole)" "$(fig etcd_backups_failed_clearly)" \
    "$(fig etcd_restores_whole)" "$(fig etcd_restores_failed_clearly)"
[ $quick = 0 ] && printf '  %-30s down for the other after %s ms, its group moved after %s ms, back %s ms after\n' \
    "host cut off (netns, TTL 6 s)" "$(fig etcd_cut_down_ms)" "$(fig etcd_cut_moved_ms)" "$(fig etcd_cut_back_ms)"
for t in load manifest restore regstream hive proplist; do
    printf '  %-30s %s executions, %s crashes\n' "fuzz $t" "$(fig fuzz_${t}_execs)" "$(fig fuzz_${t}_crashes)"
done
for sfx in "" 32; do
    label="hostile calls (Wine, ${sfx:-64}-bit)"
    skip=$(grep -h '^32-bit: skipped' "$work/log/hostile$sfx.txt" 2>/dev/null)
    if [ -n "$skip" ]; then printf '  %-30s %s\n' "$label" "${skip#32-bit: }"; continue; fi
    printf '  %-30s %s calls in %s batches; %s registry streams (%s keys, all inside)\n' "$label" \
        "$(fig hostile${sfx}_calls)" "$(fig hostile${sfx}_batches)" "$(fig regckpt${sfx}_streams)" \
        "$(fig regckpt${sfx}_keys_inside)"
    printf '  %-30s %s malformed, refused by restore (5087) and apply; %s canary keys byte-identical\n' \
        "malformed streams (${sfx:-64}-bit)" "$(fig regckpt_malformed)" "$(fig regckpt${sfx}_malformed_keys_identical)"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
