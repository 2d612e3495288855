# A real etcd for a tool test, sourced after checks.sh: started on free
# loopback ports with its data under $WORK (tests/etcd/server.sh sets
# ETCD_PORT); without one the test fails here, saying why, and never skips.
# The test's on_exit must call etcd_stop.
. tests/etcd/server.sh
if ! etcd_start "$WORK/etcd" 2>"$ERR"; then
    not_ok "a real etcd for the test: $(cat "$ERR")"
    echo "$npass passed, $nfail failed"
    exit 1
fi
