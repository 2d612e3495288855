# A real etcd for a test script, sourced: etcd_start DIR starts one member on
# free loopback ports with its data in DIR and sets ETCD_PORT and ETCD_PID;
# etcd_stop stops it (one at a time); ETCD_ARGS adds options of etcd's.  Without etcd the start fails, saying what to install:
# a test that needs etcd never skips.

etcd_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# etcd_tls DIR: a CA, a certificate for 127.0.0.1 and a client's, made in
# DIR with openssl, for etcd_start DIR tls.
etcd_tls() {
    local dir=$1 who
    mkdir -p "$dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/ca.key" \
        -out "$dir/ca.crt" -days 2 -subj /CN=wineclus-test-ca 2>/dev/null || return 1
    for who in server client; do
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/$who.key" \
            -out "$dir/$who.csr" -subj "/CN=$who" 2>/dev/null &&
        printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=%s\n' \
            "$([ $who = server ] && echo serverAuth,clientAuth || echo clientAuth)" >"$dir/$who.ext" &&
        openssl x509 -req -in "$dir/$who.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
            -out "$dir/$who.crt" -days 2 -extfile "$dir/$who.ext" 2>/dev/null || return 1
    done
}

# etcd_start DIR [tls]: with tls, clients must come over TLS with a
# certificate of DIR's CA (etcd_tls DIR first).
etcd_start() {
    local dir=$1 peer i scheme=http tlsargs= ctlargs=
    command -v etcd >/dev/null || { echo "etcd is not installed: apt-get install etcd-server etcd-client" >&2; return 1; }
    if [ "${2:-}" = tls ]; then
        scheme=https
        tlsargs="--cert-file $dir/server.crt --key-file $dir/server.key --trusted-ca-file $dir/ca.crt --client-cert-auth"
        ctlargs="--cacert $dir/ca.crt --cert $dir/client.crt --key $dir/client.key"
    fi
    ETCD_PORT=$(etcd_free_port)
    peer=$(etcd_free_port)
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    etcd --name t --data-dir "$dir/data" --log-level error $tlsargs ${ETCD_ARGS:-} \
        --listen-client-urls "$scheme://127.0.0.1:$ETCD_PORT" --advertise-client-urls "$scheme://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "t=http://127.0.0.1:$peer" >"$dir/etcd.log" 2>&1 &
    ETCD_PID=$!
    for i in $(seq 100); do
        # shellcheck disable=SC2086
        ETCDCTL_API=3 etcdctl --endpoints="$scheme://127.0.0.1:$ETCD_PORT" $ctlargs endpoint health >/dev/null 2>&1 &&
            return 0
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
