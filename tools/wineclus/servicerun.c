/*
 * The node's cluster service once started: a daemon of the tool that holds
 * the node's service lock (so the node is up while it runs) and does the
 * node's work on every wake (SIGHUP or SIGUSR1) and once a second, until
 * SIGTERM or SIGINT.  docs/cluster-service.md.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "wineclus.h"

/* One dated line in the service's log (its stderr, nodes/<id>.log). */
void service_note(const char *fmt, ...)
{
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    va_list ap;

    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    fprintf(stderr, "%s [%d] ", when, (int)getpid());
    va_start(ap, fmt);
    vtext_printf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

/* A write to a checkpoint keeper that died answers EPIPE rather than end
 * the service (its children get no signal blocked: service_spawn). */
static void blocked_pipe(void)
{
    sigset_t pipe;

    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    sigprocmask(SIG_BLOCK, &pipe, NULL);
}

/* The signals that steer the service, taken by sigtimedwait alone. */
void service_block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGUSR1);
    sigprocmask(SIG_BLOCK, set, NULL);
    blocked_pipe();
}

/* The work the service does for its node, each time it runs; prefix NULL
 * for none (after the service ended: the node states alone). */
static void work(cs_store *s, uint32_t node, const char *prefix)
{
    unsigned changed = 0;
    uint32_t err;

    if ((err = cs_service_work(s, &changed)))
        service_note("node states or failover not recorded: %s (error %u)", cs_errmsg(s), err);
    else if (changed) service_note("%u node state%s or group owner%s changed", changed, changed > 1 ? "s" : "",
                                   changed > 1 ? "s" : "");
    if (!node) return;
    /* Cut off from etcd: the others may be starting this node's groups. */
    if (cs_service_cut_off(s))
    {
        apps_stop_all(s);
        return;
    }
    failback_work(s, node);
    ckpt_work(s, node, prefix);
    apps_work(s, node, prefix);
}

int service_loop(cs_store *s, const char *node, const char *prefix, const sigset_t *set)
{
    uint32_t id = cs_node_local_id(s);

    const struct timespec period = { 1, 0 };
    char dir[PATH_MAX];
    int sig = 0;

    snprintf(dir, sizeof(dir), "%s", cs_dir(s));
    if (prefix) service_note("cluster service of node %s started, for the Wine prefix %s", node, prefix);
    else service_note("cluster service of node %s started, with no Wine prefix: it runs no application", node);
    while (sig != SIGTERM && sig != SIGINT)
    {
        work(s, id, prefix);
        sig = sigtimedwait(set, NULL, &period);
    }
    /* Its applications end first, the node goes down after them. */
    apps_stop_all(s);
    /* While the node still owns its groups: their last changes are its to save. */
    ckpt_stop();
    cs_close(s);
    /* Its own node goes down now unless a program of its prefix keeps it up:
     * recorded by a store that is no longer the service. */
    if (!cs_open_existing(dir, &s)) work(s, 0, NULL);
    cs_close(s);
    service_note("cluster service of node %s stopped (signal %d)", node, sig);
    return EXIT_OK;
}
