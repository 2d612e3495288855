# Sourced by the real-Wine tests that run failapp.exe in two prefixes,
# $work/p1 and $work/p2 (tests/failover/lib.sh, tests/stress/etcd_hosts.sh).
# apps: "PID PREFIX" per live failapp process of those prefixes.
apps() {
    local p env
    for p in $(pgrep -f 'failapp\\failapp\.exe'); do
        grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null && continue
        env=$(tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | sed -n 's/^WINEPREFIX=//p')
        case $env in "$work"/p[12]) echo "$p $env" ;; esac
    done
}
