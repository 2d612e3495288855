/*
 * Failback by the node's cluster service: when another node comes up (seen
 * going from down to up between two runs of the service's work), every
 * group of this node that allows failback (AutoFailbackType 1) and prefers
 * that node to this one owes a failback there.  It is done as soon as the
 * group's failback window is open (cs_group_failback checks the rest again,
 * in one transaction), and forgotten once the node is down again or the
 * group is no longer here.  Only the owner fails a group back, and ends the
 * group's processes first: the group never runs on two nodes at once.
 * docs/cluster-service.md.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wineclus.h"

#define NODES_MAX 64
#define OWED_MAX 256

static struct { uint32_t id; int up; } seen[NODES_MAX];
static size_t nseen;
static int started;

static struct owed
{
    char group[CS_GUID_MAX];
    uint32_t node;
} owed[OWED_MAX];
static size_t nowed;

/* Whether node came up since the last run (remembering it now). */
static int came_up(uint32_t node, int up)
{
    size_t i;
    int was;

    for (i = 0; i < nseen && seen[i].id != node; i++) {}
    if (i == nseen)
    {
        if (nseen == NODES_MAX) return 0;
        seen[nseen].id = node;
        seen[nseen++].up = up;
        /* Up when the service started: not known to have come back. */
        return up && started;
    }
    was = seen[i].up;
    seen[i].up = up;
    return up && !was;
}

static int ranks_before(const cs_node *pref, size_t n, uint32_t node, uint32_t owner)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (pref[i].id == node) return 1;
        else if (pref[i].id == owner) return 0;
    return 0;
}

static void owe(const cs_group *g, uint32_t node)
{
    size_t i;

    for (i = 0; i < nowed; i++)
        if (!strcmp(owed[i].group, g->id) && owed[i].node == node) return;
    if (nowed == OWED_MAX)
    {
        service_note("group %s: failback to node %u not remembered: too many owed", g->name, node);
        return;
    }
    snprintf(owed[nowed].group, sizeof(owed[nowed].group), "%s", g->id);
    owed[nowed++].node = node;
}

/* The groups of this node that allow failback and prefer node to it. */
static void owe_to(cs_store *s, uint32_t node, uint32_t self)
{
    cs_group *groups;
    cs_node *pref;
    cs_propobj obj;
    size_t i, n, npref;
    uint32_t allow;

    if (cs_group_list(s, &groups, &n)) return;
    for (i = 0; i < n; i++)
    {
        if (groups[i].owner_node != self || cs_propobj_init(CS_CLASS_GROUP, &groups[i], &obj) ||
            cs_propobj_dword(s, &obj, "AutoFailbackType", &allow) || allow != 1 ||
            cs_group_list_preferred(s, groups[i].id, &pref, &npref))
            continue;
        if (ranks_before(pref, npref, node, groups[i].owner_node)) owe(&groups[i], node);
        cs_free(pref);
    }
    cs_free(groups);
}

/* 1 when the owed failback is done or no longer owed. */
static int pay(cs_store *s, const struct owed *o, uint32_t self, unsigned hour)
{
    uint32_t start, end, to, err;
    cs_propobj obj;
    cs_group g;
    int up;

    if (cs_group_find(s, o->group, &g) || g.owner_node != self || cs_node_is_up(s, o->node, &up) || !up) return 1;
    if (cs_propobj_init(CS_CLASS_GROUP, &g, &obj) || cs_propobj_dword(s, &obj, "FailbackWindowStart", &start) ||
        cs_propobj_dword(s, &obj, "FailbackWindowEnd", &end) || !cs_failback_window_open(start, end, hour))
        return 0;
    /* A group on its way somewhere is left to get there (and its processes to run). */
    if (g.state == CS_GROUP_PENDING) return 0;
    /* Processes end only for a move the store will make: a refused one would
     * leave the group Online here with nothing running. */
    if (!(err = cs_group_failback_check(s, g.id, o->node, &to)) && to == o->node)
    {
        apps_end_group(s, g.id);
        err = cs_group_failback(s, g.id, o->node, &to);
    }
    if (err == CS_ERROR_INVALID_STATE) return 0;   /* pending: next time */
    if (err && err != CS_ERROR_IO_PENDING)
        service_note("group %s: no failback to node %u: %s (error %u)", g.name, o->node, cs_errmsg(s), err);
    else if (to == o->node) service_note("group %s: failed back to node %u", g.name, o->node);
    return 1;
}

void failback_work(cs_store *s, uint32_t self)
{
    cs_node *nodes;
    size_t i, n;
    time_t now = time(NULL);
    struct tm tm;
    int up;

    if (cs_node_list(s, &nodes, &n)) return;
    for (i = 0; i < n; i++)
        if (!cs_node_is_up(s, nodes[i].id, &up) && came_up(nodes[i].id, up)) owe_to(s, nodes[i].id, self);
    cs_free(nodes);
    started = 1;
    localtime_r(&now, &tm);
    for (i = 0; i < nowed;)
        if (pay(s, &owed[i], self, (unsigned)tm.tm_hour)) owed[i] = owed[--nowed];
        else i++;
}
