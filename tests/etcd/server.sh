# A real etcd for a test script, sourced: etcd_start DIR starts one member on
# free loopback ports with its data in DIR and sets ETCD_PORT and ETCD_PID;
# etcd_stop stops it.  Without etcd the start fails, saying what to install:
# a test that needs etcd never skips.

etcd_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

etcd_start() {
    local dir=$1 peer i
    command -v etcd >/dev/null || { echo "etcd is not installed: apt-get install etcd-server etcd-client" >&2; return 1; }
    ETCD_PORT=$(etcd_free_port)
    peer=$(etcd_free_port)
    mkdir -p "$dir"
    etcd --name t --data-dir "$dir/data" --log-level error \
        --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "t=http://127.0.0.1:$peer" >"$dir/etcd.log" 2>&1 &
    ETCD_PID=$!
    for i in $(seq 100); do
        ETCDCTL_API=3 etcdctl --endpoints="127.0.0.1:$ETCD_PORT" endpoint health >/dev/null 2>&1 && return 0
        kill -0 "$ETCD_PID" 2>/dev/null || { echo "etcd exited at its start: $(tail -n 3 "$dir/etcd.log")" >&2; return 1; }
        sleep 0.1
    done
    echo "etcd did not answer on port $ETCD_PORT within 10 s" >&2
    etcd_stop
    return 1
}

etcd_stop() {
    [ -n "${ETCD_PID:-}" ] || return 0
    kill "$ETCD_PID" 2>/dev/null
    wait "$ETCD_PID" 2>/dev/null || true  # 143: ended by our SIGTERM
    ETCD_PID=
}
