/*
 * Generic Service resources, for the node's cluster service: the Windows
 * service named by the resource's ServiceName, in the node's prefix.  A
 * Linux process cannot call the Service Control Manager, so clussvcctl.exe
 * does it, run with the prefix's Wine: `watch NAME` starts the service and
 * stays while it runs (serviceapps.c watches it as it watches an
 * application: its exit fails the resource), keeping the prefix, and so
 * services.exe, alive; `stop NAME` stops it.  docs/cluster-service.md,
 * "Generic Service".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wineclus.h"

/* clussvcctl waits 30 s for a stop; Wine's start-up comes on top. */
#define STOP_WAIT_MS 45000

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

pid_t svc_start(cs_store *s, const cs_resource *r, char name[SVC_NAME_MAX])
{
    uint32_t format, err;
    void *data = NULL;
    size_t size;
    int ok;

    err = cs_resource_get_property(s, r->id, "ServiceName", &format, &data, &size);
    ok = !err && format == CS_PROP_SZ && size > 1 && size <= SVC_NAME_MAX && !((char *)data)[size - 1];
    if (ok) memcpy(name, data, size);
    else service_note("resource %s: no ServiceName to start (error %u)", r->name, err);
    cs_free(data);
    return ok ? helper("watch", name) : 0;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) && errno == EINTR) {}
}

void svc_stop(const char *name)
{
    pid_t pid = helper("stop", name);
    int status = -1, waited = 0;

    if (!pid) return;
    while (waitpid(pid, &status, WNOHANG) == 0 && waited < STOP_WAIT_MS)
    {
        sleep_ms(100);
        waited += 100;
    }
    if (waited >= STOP_WAIT_MS)
    {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        service_note("service %s: did not stop within %d s", name, STOP_WAIT_MS / 1000);
    }
    else service_note("service %s: stopped (status %d)", name, status);
}
