/*
 * The Generic Service resources a node's cluster service runs: the Windows
 * service named by the resource's ServiceName is started in the node's
 * prefix when the resource is OnlinePending on the node, watched while it
 * is Online (its stopping fails the resource), and stopped when the
 * resource is no longer meant to run here (offline, failed, moved) or the
 * cluster service stops.  Both are done by clussvcctl.exe run with the
 * prefix's Wine: `watch NAME` starts it and stays while it runs, keeping the
 * prefix (and so services.exe) alive; `stop NAME` stops it.
 * docs/cluster-service.md, "Generic Service".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wineclus.h"

#define SVCS_MAX 64
/* clussvcctl waits 30 s for a stop; Wine's start-up comes on top. */
#define STOP_WAIT_MS 45000
#define NAME_MAX_LEN 257 /* a service name: 256 characters at most */

static struct svc
{
    char res[CS_GUID_MAX];
    char name[NAME_MAX_LEN];
    pid_t watcher;
} svcs[SVCS_MAX];
static size_t nsvcs;

static void forget(size_t i)
{
    svcs[i] = svcs[--nsvcs];
}

/* clussvcctl.exe VERB NAME in the prefix; 0 if it could not be started (noted). */
static pid_t helper(const char *verb, const char *name)
{
    char exe[PATH_MAX + 32];
    char *argv[5];
    const char *dir = layout_dir(layout_prefix_is_win32() ? "i386" : "x86_64", "windows");
    pid_t pid;

    snprintf(exe, sizeof(exe), "%s/clussvcctl.exe", dir ? dir : "");
    if (!dir || access(exe, R_OK))
    {
        service_note("service %s: no clussvcctl.exe for this prefix's architecture (%s)", name, exe);
        return 0;
    }
    argv[0] = (char *)layout_wineloader();
    argv[1] = exe;
    argv[2] = (char *)verb;
    argv[3] = (char *)name;
    argv[4] = NULL;
    if ((pid = service_spawn(argv)) < 0)
    {
        service_note("service %s: cannot start clussvcctl.exe: %s", name, strerror(errno));
        return 0;
    }
    return pid;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) && errno == EINTR) {}
}

/* The Windows service stopped (the helper waits for it), then its watcher ended. */
static void stop(size_t i)
{
    pid_t pid = helper("stop", svcs[i].name);
    int status = -1, waited = 0;

    while (pid && waitpid(pid, &status, WNOHANG) == 0 && waited < STOP_WAIT_MS)
    {
        sleep_ms(100);
        waited += 100;
    }
    if (pid && waited >= STOP_WAIT_MS)
    {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        service_note("service %s: did not stop within %d s", svcs[i].name, STOP_WAIT_MS / 1000);
    }
    else if (pid)
        service_note("service %s: stopped (status %d)", svcs[i].name, status);
    kill(svcs[i].watcher, SIGKILL);
    waitpid(svcs[i].watcher, NULL, 0);
    forget(i);
}

static int runs_here(const cs_resource *r, uint32_t node)
{
    return r->owner_node == node && !strcasecmp(r->type, "Generic Service");
}

/* A watcher that ended: its service stopped (or never ran); the resource
 * fails if it is still Online here. */
static void reap(cs_store *s, uint32_t node)
{
    cs_resource r;
    size_t i;
    int status;

    for (i = 0; i < nsvcs;)
    {
        if (waitpid(svcs[i].watcher, &status, WNOHANG) != svcs[i].watcher)
        {
            i++;
            continue;
        }
        if (!cs_resource_find(s, svcs[i].res, &r) && runs_here(&r, node) && r.state == CS_RES_ONLINE)
        {
            service_note("resource %s: the service %s is not running (clussvcctl status %d): resource failed",
                         r.name, svcs[i].name, status);
            cs_resource_fail(s, r.id);
        }
        forget(i);
    }
}

static int tracked(const char *res)
{
    size_t i;

    for (i = 0; i < nsvcs; i++)
        if (!strcmp(svcs[i].res, res)) return 1;
    return 0;
}

/* The resource's ServiceName; 0 if it has none (noted). */
static int service_name(cs_store *s, const cs_resource *r, char *name)
{
    uint32_t format, err;
    void *data = NULL;
    size_t size;
    int ok;

    err = cs_resource_get_property(s, r->id, "ServiceName", &format, &data, &size);
    ok = !err && format == CS_PROP_SZ && size > 1 && size <= NAME_MAX_LEN && !((char *)data)[size - 1];
    if (ok) memcpy(name, data, size);
    else service_note("resource %s: no ServiceName to start (error %u)", r->name, err);
    cs_free(data);
    return ok;
}

static void start(cs_store *s, const cs_resource *r, const char *prefix)
{
    struct svc *v = &svcs[nsvcs];

    if (!prefix)
        service_note("resource %s: no Wine prefix of this node to start its service in "
                     "(start the cluster service with --prefix)", r->name);
    else if (nsvcs < SVCS_MAX && service_name(s, r, v->name) && (v->watcher = helper("watch", v->name)))
    {
        snprintf(v->res, sizeof(v->res), "%s", r->id);
        service_note("resource %s: online, service %s watched by process %d", r->name, v->name, (int)v->watcher);
        nsvcs++;
        return;
    }
    cs_resource_fail(s, r->id);
}

void svcs_work(cs_store *s, uint32_t node, const char *prefix)
{
    cs_resource *res, r;
    size_t i, n;
    uint32_t err;

    reap(s, node);
    for (i = 0; i < nsvcs;)
        if (cs_resource_find(s, svcs[i].res, &r) || !runs_here(&r, node) || r.state != CS_RES_ONLINE)
        {
            service_note("resource %s: no longer online here: its service %s stops", svcs[i].res, svcs[i].name);
            stop(i);
        }
        else i++;
    if ((err = cs_resource_list(s, NULL, &res, &n)))
    {
        service_note("resources not read: %s (error %u)", cs_errmsg(s), err);
        return;
    }
    for (i = 0; i < n; i++)
    {
        if (!runs_here(&res[i], node) || tracked(res[i].id)) continue;
        /* Online with no watcher of this service: what IsAlive would find. */
        if (res[i].state == CS_RES_ONLINE)
        {
            service_note("resource %s: online with no service watched here: resource failed", res[i].name);
            cs_resource_fail(s, res[i].id);
        }
        /* Its providers not online yet: INVALID_STATE, tried again later. */
        if (res[i].state == CS_RES_ONLINE_PENDING && !cs_resource_finish_online(s, res[i].id, 1))
            start(s, &res[i], prefix);
    }
    cs_free(res);
}

void svcs_stop_all(void)
{
    while (nsvcs) stop(0);
}
