/*
 * The Generic Application resources a node's cluster service runs (and the
 * Generic Service ones, whose process is the watcher of their Windows
 * service, servicesvc.c): started
 * in the node's prefix with Wine when one is OnlinePending on the node, its
 * process watched (an exit is a failure, for the restart policy), and ended
 * when the resource is no longer meant to run here (offline, failed, moved).
 * The process dies with the service (service_spawn).  The store records
 * where it runs (cs_resource_start_here, cs_resource_ended_here), so a
 * resource moved here starts only once its old node's process has ended.
 * docs/cluster-service.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wineclus.h"

#define APPS_MAX 64
#define ARGS_MAX 64

static struct app
{
    char res[CS_GUID_MAX];
    pid_t pid;
    char svc[SVC_NAME_MAX];     /* a Generic Service's Windows service, "" for an application */
} apps[APPS_MAX];
static size_t napps;

/* The process of apps[i] has ended: the store's record of it goes, and so does apps[i]. */
static void forget(cs_store *s, size_t i)
{
    uint32_t err;

    /* Left behind, the record holds a new owner back until this service stops. */
    if ((err = cs_resource_ended_here(s, apps[i].res)))
        service_note("resource %s: the end of its process %d not recorded: %s (error %u)", apps[i].res,
                     (int)apps[i].pid, cs_errmsg(s), err);
    apps[i] = apps[--napps];
}

/* Ends the process of apps[i] (a Generic Service's Windows service stopped first) and forgets it. */
static void end(cs_store *s, size_t i)
{
    if (apps[i].svc[0]) svc_stop(apps[i].svc);
    kill(apps[i].pid, SIGKILL);
    waitpid(apps[i].pid, NULL, 0);
    forget(s, i);
}

/* A Windows command line as argv, for Wine to join again: double quotes
 * group, as the C runtime splits it (backslash rules aside). */
static int split(char *line, char **argv, int max)
{
    int n = 0;
    char *out;

    while (*line)
    {
        int quoted = 0;

        while (*line == ' ' || *line == '\t') line++;
        if (!*line) break;
        if (n == max) return -1;
        argv[n++] = out = line;
        for (; *line && (quoted || (*line != ' ' && *line != '\t')); line++)
            if (*line == '"') quoted = !quoted;
            else *out++ = *line;
        if (*line) line++;
        *out = 0;
    }
    return n;
}

/* Its process, started in the environment the service set for prefix
 * (wine_env_for_clusapi); 0 if it could not be (the reason noted).  A
 * Generic Service's is the watcher of its Windows service, named in svc. */
static pid_t start(cs_store *s, const cs_resource *r, const char *prefix, char *svc)
{
    char *argv[ARGS_MAX + 2], *line;
    uint32_t format, err;
    void *data = NULL;
    size_t size;
    pid_t pid;
    int n;

    if (!prefix)
    {
        service_note("resource %s: no Wine prefix of this node to run it in "
                     "(start the service with --prefix)", r->name);
        return 0;
    }
    svc[0] = 0;
    if (!strcasecmp(r->type, "Generic Service")) return svc_start(s, r, svc);
    if ((err = cs_resource_get_property(s, r->id, "CommandLine", &format, &data, &size)) || format != CS_PROP_SZ ||
        !size || ((char *)data)[size - 1] || !(line = strdup(data)))
    {
        service_note("resource %s: no CommandLine to run (error %u)", r->name, err);
        cs_free(data);
        return 0;
    }
    cs_free(data);
    argv[0] = (char *)layout_wineloader();
    if ((n = split(line, argv + 1, ARGS_MAX)) <= 0)
    {
        service_note("resource %s: its CommandLine is empty or too long", r->name);
        free(line);
        return 0;
    }
    argv[n + 1] = NULL;
    pid = service_spawn(argv, -1, -1);
    free(line);
    if (pid < 0) service_note("resource %s: cannot start its process: %s", r->name, strerror(errno));
    return pid < 0 ? 0 : pid;
}

/* A process that ended fails its resource if that is still Online here. */
static void reap(cs_store *s, uint32_t node)
{
    struct app ended;
    cs_resource r;
    size_t i;
    int status;

    for (i = 0; i < napps;)
    {
        if (waitpid(apps[i].pid, &status, WNOHANG) != apps[i].pid)
        {
            i++;
            continue;
        }
        ended = apps[i];
        /* Forgotten first: the restart policy may end the group's other processes. */
        forget(s, i);
        if (!cs_resource_find(s, ended.res, &r) && r.owner_node == node && r.state == CS_RES_ONLINE)
        {
            service_note("resource %s: its process %d ended (status %d)", r.name, (int)ended.pid, status);
            policy_failed(s, &r);
        }
    }
}

static struct app *find_app(const char *res)
{
    size_t i;

    for (i = 0; i < napps; i++)
        if (!strcmp(apps[i].res, res)) return &apps[i];
    return NULL;
}

static int runs_here(const cs_resource *r, uint32_t node)
{
    return r->owner_node == node && cs_restype_online_on_owner(r->type);
}

void apps_work(cs_store *s, uint32_t node, const char *prefix)
{
    cs_resource *res, r;
    struct app *a;
    size_t i, n;
    uint32_t err, holder;

    reap(s, node);
    /* Processes whose resource is no longer Online here end. */
    for (i = 0; i < napps;)
        if (cs_resource_find(s, apps[i].res, &r) || !runs_here(&r, node) || r.state != CS_RES_ONLINE)
        {
            service_note("resource %s: no longer online here: its process %d ends", apps[i].res, (int)apps[i].pid);
            end(s, i);
        }
        else i++;
    if ((err = cs_resource_list(s, NULL, &res, &n)))
    {
        service_note("resources not read: %s (error %u)", cs_errmsg(s), err);
        return;
    }
    for (i = 0; i < n; i++)
    {
        if (!runs_here(&res[i], node) || (a = find_app(res[i].id))) continue;
        /* Online with no process of this service (one from before it started
         * died with its service): what IsAlive would find. */
        if (res[i].state == CS_RES_ONLINE)
        {
            service_note("resource %s: online with no process here", res[i].name);
            policy_failed(s, &res[i]);
        }
        if (res[i].state != CS_RES_ONLINE_PENDING) continue;
        /* Applied while it is pending, before it is Online: the keeper then
         * never takes this online for the one it may have missed ending. */
        if (prefix && !ckpt_online(s, &res[i]))
        {
            cs_resource_fail(s, res[i].id);
            continue;
        }
        /* Its providers not online yet: INVALID_STATE; its process on the
         * node it left not ended yet: IO_PENDING.  Tried again later. */
        if ((err = cs_resource_start_here(s, res[i].id, &holder)))
        {
            if (holder) service_note("resource %s: waits for its process on node %u to end", res[i].name, holder);
            continue;
        }
        if (napps < APPS_MAX && (apps[napps].pid = start(s, &res[i], prefix, apps[napps].svc)))
        {
            snprintf(apps[napps].res, sizeof(apps[napps].res), "%s", res[i].id);
            service_note("resource %s: online, process %d", res[i].name, (int)apps[napps].pid);
            napps++;
        }
        else
        {
            cs_resource_fail(s, res[i].id);
            if ((err = cs_resource_ended_here(s, res[i].id)))
                service_note("resource %s: no process, but not recorded: %s (error %u)", res[i].name, cs_errmsg(s), err);
        }
    }
    cs_free(res);
}

void apps_end_group(cs_store *s, const char *group)
{
    cs_resource r;
    size_t i;

    for (i = 0; i < napps;)
        if (!cs_resource_find(s, apps[i].res, &r) && !strcmp(r.group, group))
        {
            service_note("resource %s: its group leaves this node: its process %d ends", r.name, (int)apps[i].pid);
            end(s, i);
        }
        else i++;
}

/* Every process killed before any record is written: cut off from etcd,
 * each write waits for it in vain while other hosts may be starting them. */
void apps_stop_all(cs_store *s)
{
    size_t i;

    for (i = 0; i < napps; i++)
    {
        if (apps[i].svc[0]) svc_stop(apps[i].svc);
        kill(apps[i].pid, SIGKILL);
        waitpid(apps[i].pid, NULL, 0);
    }
    while (napps) forget(s, 0);
}
