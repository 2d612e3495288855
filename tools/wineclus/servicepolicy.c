/*
 * What the node's cluster service does when a resource it runs fails (its
 * process ended, or it is Online with no process): Server 2003's restart
 * policy.  RestartAction 0 leaves it failed; 1 and 2 restart it in place
 * until it failed RestartThreshold times within RestartPeriod ms; past that,
 * 1 leaves it failed and 2 fails its group over, within the group's
 * FailoverThreshold and FailoverPeriod (cs_group_failover_after_failure).
 * The restart counts are this service's memory: restarting in place is this
 * node's business, and a resource that moves starts counting afresh on its
 * new node; the group's failovers are counted in the store, which every node
 * the group visits shares.  docs/cluster-service.md.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wineclus.h"

#define COUNTS_MAX 64

static struct count
{
    char res[CS_GUID_MAX];
    int64_t first_ms;   /* the first failure counted in this period */
    uint32_t restarts;
} counts[COUNTS_MAX];
static size_t ncounts;

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct count *count_of(const char *res)
{
    size_t i;

    for (i = 0; i < ncounts; i++)
        if (!strcmp(counts[i].res, res)) return &counts[i];
    /* Full: the oldest count makes room (a restart more, never one less). */
    if (ncounts == COUNTS_MAX) memmove(counts, counts + 1, --ncounts * sizeof(*counts));
    memset(&counts[ncounts], 0, sizeof(*counts));
    snprintf(counts[ncounts].res, sizeof(counts[ncounts].res), "%s", res);
    return &counts[ncounts++];
}

static void forget_count(struct count *c)
{
    memmove(c, c + 1, (size_t)(counts + --ncounts - c) * sizeof(*c));
}

/* r and what failed with it come online again, each after its providers. */
static void restart(cs_store *s, const cs_resource *r, const cs_resource *before, size_t nbefore)
{
    cs_resource *after;
    size_t i, j, n;
    uint32_t err;

    if ((err = cs_resource_list(s, r->group, &after, &n)))
    {
        service_note("resource %s: not restarted: %s (error %u)", r->name, cs_errmsg(s), err);
        return;
    }
    for (i = 0; i < n; i++)
    {
        if (after[i].state != CS_RES_FAILED) continue;
        for (j = 0; j < nbefore && strcmp(before[j].id, after[i].id); j++) {}
        if (j == nbefore || before[j].state == CS_RES_FAILED) continue;
        if ((err = cs_resource_online(s, after[i].id)) && err != CS_ERROR_IO_PENDING)
            service_note("resource %s: not brought online again: %s (error %u)", after[i].name, cs_errmsg(s), err);
    }
    cs_free(after);
}

static void fail_over(cs_store *s, const cs_resource *r)
{
    uint32_t to, err;
    cs_node n;

    /* Processes end only for what the store will do (a move, or the group
     * left failed): a refused failover would leave the group's other
     * resources Online here with nothing running. */
    if (!(err = cs_group_failover_after_failure_check(s, r->group, &to)))
    {
        apps_end_group(s, r->group);
        err = cs_group_failover_after_failure(s, r->group, &to);
    }

    if ((err && err != CS_ERROR_IO_PENDING) || (to && cs_node_get_by_id(s, to, &n)))
        service_note("resource %s: its group stays failed here: %s (error %u)", r->name, cs_errmsg(s), err);
    else if (!to)
        service_note("resource %s: its group failed over FailoverThreshold times within FailoverPeriod: "
                     "it stays failed", r->name);
    else service_note("resource %s: its group fails over to node %s", r->name, n.name);
}

void policy_failed(cs_store *s, const cs_resource *r)
{
    uint32_t action, threshold, period, err;
    cs_resource *before = NULL;
    cs_propobj obj;
    struct count *c;
    size_t n = 0;
    int64_t now = now_ms();

    if ((err = cs_resource_list(s, r->group, &before, &n)) || (err = cs_resource_fail(s, r->id)))
    {
        service_note("resource %s: failure not recorded: %s (error %u)", r->name, cs_errmsg(s), err);
        cs_free(before);
        return;
    }
    if ((err = cs_propobj_init(CS_CLASS_RESOURCE, r, &obj)) ||
        (err = cs_propobj_dword(s, &obj, "RestartAction", &action)) ||
        (err = cs_propobj_dword(s, &obj, "RestartThreshold", &threshold)) ||
        (err = cs_propobj_dword(s, &obj, "RestartPeriod", &period)))
        service_note("resource %s: failed; its restart policy not read: %s (error %u)", r->name, cs_errmsg(s), err);
    else if (action == 0)
        service_note("resource %s: failed; not restarted (RestartAction 0)", r->name);
    else
    {
        c = count_of(r->id);
        if (!c->restarts || now - c->first_ms > (int64_t)period) c->first_ms = now, c->restarts = 0;
        if (c->restarts < threshold)
        {
            c->restarts++;
            service_note("resource %s: failed; restart %u of %u within %u ms", r->name, c->restarts, threshold,
                         period);
            restart(s, r, before, n);
        }
        else
        {
            forget_count(c);
            if (action == 1)
                service_note("resource %s: failed past its RestartThreshold: it stays failed (RestartAction 1)",
                             r->name);
            else fail_over(s, r);
        }
    }
    cs_free(before);
}
