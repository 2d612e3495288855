# A real etcd cluster of several members on loopback addresses for a test
# script, sourced after server.sh (etcd_free_port):
#   members_start DIR N      N members (m1..mN), data under DIR; sets MEMBERS_URL
#                            (host:port,... for an etcd:// store URL)
#   member_kill I            kill -9 of member I
#   member_restart I         member I again, on its data and ports
#   member_leader            the number of the member that leads now (empty if none answers)
#   members_stop             every member ended
# Each member listens on 127.0.0.I+1, so the members are apart as hosts would
# be, and on ports picked free.

members_start() {
    local dir=$1 n=$2 i cluster=
    command -v etcd >/dev/null || { echo "etcd is not installed: apt-get install etcd-server etcd-client" >&2; return 1; }
    MEMBERS_DIR=$dir MEMBERS_N=$n MEMBERS_URL=
    for i in $(seq "$n"); do
        eval "MEMBER_IP_$i=127.0.0.$((i + 1)) MEMBER_CPORT_$i=$(etcd_free_port) MEMBER_PPORT_$i=$(etcd_free_port)"
        cluster="$cluster${cluster:+,}m$i=http://$(member_var IP "$i"):$(member_var PPORT "$i")"
        MEMBERS_URL="$MEMBERS_URL${MEMBERS_URL:+,}$(member_var IP "$i"):$(member_var CPORT "$i")"
    done
    MEMBERS_CLUSTER=$cluster
    for i in $(seq "$n"); do member_run "$i" new; done
    for i in $(seq 150); do
        member_leader >/dev/null 2>&1 && [ -n "$(member_leader)" ] && return 0
        sleep 0.1
    done
    echo "the $n etcd members elected no leader within 15 s: $(tail -n 3 "$dir/m1.log")" >&2
    return 1
}

member_var() { eval "echo \${MEMBER_$1_$2}"; }

member_run() {   # I new|existing
    local i=$1 ip cport pport
    ip=$(member_var IP "$i") cport=$(member_var CPORT "$i") pport=$(member_var PPORT "$i")
    mkdir -p "$MEMBERS_DIR"
    # In a subshell that ends at once: the member is nobody's job, so its
    # kill -9 is not reported on the test's output.
    (etcd --name "m$i" --data-dir "$MEMBERS_DIR/m$i" --log-level error \
        --listen-client-urls "http://$ip:$cport" --advertise-client-urls "http://$ip:$cport" \
        --listen-peer-urls "http://$ip:$pport" --initial-advertise-peer-urls "http://$ip:$pport" \
        --initial-cluster "$MEMBERS_CLUSTER" --initial-cluster-state "$2" \
        --initial-cluster-token wineclus-stress >>"$MEMBERS_DIR/m$i.log" 2>&1 &
     echo $! >"$MEMBERS_DIR/m$i.pid")
}

# The pid is kept in a file: a killer in a subshell restarts members too.
member_pid() { cat "$MEMBERS_DIR/m$1.pid" 2>/dev/null; }

member_kill() {
    local pid
    pid=$(member_pid "$1")
    [ -n "$pid" ] || return 0
    kill -9 "$pid" 2>/dev/null
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    rm -f "$MEMBERS_DIR/m$1.pid"
}

member_restart() { member_run "$1" existing; }

member_leader() {
    local i
    for i in $(seq "$MEMBERS_N"); do
        [ -n "$(member_pid "$i")" ] || continue
        ETCDCTL_API=3 etcdctl --endpoints="http://$(member_var IP "$i"):$(member_var CPORT "$i")" \
            --command-timeout=1s endpoint status -w simple 2>/dev/null | awk -F', ' -v i="$i" '$5 == "true" { print i; found = 1 } END { exit !found }' && return 0
    done
    return 1
}

members_stop() {
    local i pid
    for i in $(seq "${MEMBERS_N:-0}"); do
        pid=$(member_pid "$i")
        [ -n "$pid" ] || continue
        kill "$pid" 2>/dev/null
        while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
        rm -f "$MEMBERS_DIR/m$i.pid"
    done
}
