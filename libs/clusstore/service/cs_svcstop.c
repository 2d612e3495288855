/* Stopping a node's cluster service from another process: `wineclus node
 * stop`, and a forced restore for every other node (docs/cluster-service.md,
 * "Stopping a service").  SIGTERM to the pid the service file records,
 * until the service lock is free: the lock, not the signal, says it ended. */
#define _DEFAULT_SOURCE
#include "cs_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define POLL_MS 50

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) && errno == EINTR) {
    }
}

/* Ended: no such process, or a zombie its parent has yet to reap. */
static int gone(int pid)
{
    char path[32], state = 0, buf[256];
    const char *end;
    FILE *f;

    if (kill(pid, 0) != 0)
        return 1;
    snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    if (!(f = fopen(path, "r")))
        return 1;
    if (fgets(buf, sizeof(buf), f) && (end = strrchr(buf, ')')) && end[1] == ' ')
        state = end[2];
    fclose(f);
    return state == 'Z';
}

uint32_t cs_service_stop(cs_store *s, uint32_t id, unsigned wait_ms, int *pid)
{
    cs_service_info info;
    unsigned waited;
    uint32_t err;
    int sent = 0;

    if (!s || !pid)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no store or pid output");
    *pid = 0;
    for (waited = 0; !(err = cs_service_query(s, id, &info)) && info.running && waited <= wait_ms; waited += POLL_MS) {
        /* Running with no pid of this host's: on a store on etcd, a service
         * of another host (its lease), which no signal from here reaches. */
        if (!info.pid && !sent && s->rep)
            return cs__fail(s, CS_ERROR_NOT_SUPPORTED, "the cluster service of node %u runs on another host: "
                            "`wineclus node stop` there stops it", id);
        /* A pid read while the lock is held is the service's; one that has
         * not written its pid yet is signalled next round. */
        if (info.pid && info.pid != sent && !kill(info.pid, SIGTERM))
            sent = info.pid;
        sleep_ms(POLL_MS);
    }
    if (err)
        return err;
    *pid = info.running ? info.pid : sent;
    if (info.running)
        return cs__fail(s, CS_ERROR_SERVICE_REQUEST_TIMEOUT,
                        "the cluster service of node %u (pid %d) did not stop within %u ms", id, info.pid, wait_ms);
    if (!sent)
        return cs__fail(s, CS_ERROR_SERVICE_NOT_ACTIVE, "the cluster service of node %u is not running", id);
    /* The lock goes before the process does (it records its node's state on
     * its way out): stopped means the process is gone too. */
    for (; !gone(sent) && waited <= wait_ms; waited += POLL_MS)
        sleep_ms(POLL_MS);
    return 0;
}
