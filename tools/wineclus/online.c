/*
 * Bringing resources and groups online and offline.  There are no resource
 * DLLs to run on the host, so only the states change, but they change in
 * the order the cluster service keeps: a resource comes online after what
 * it depends on and goes offline after what depends on it, and a group's
 * state follows its resources.
 */
#include "wineclus.h"

/* Dependencies are acyclic in the store; the bound only guards against a
 * damaged one. */
#define CHAIN_MAX 64

typedef uint32_t (*list_fn)(cs_store *, const char *, cs_resource **, size_t *);

static uint32_t set_group_state(cs_store *s, const char *group)
{
    cs_resource *res;
    size_t i, n, online = 0;
    uint32_t err;
    int state;

    if ((err = cs_resource_list(s, group, &res, &n))) return err;
    for (i = 0; i < n; i++)
        if (res[i].state == CS_RES_ONLINE) online++;
    cs_free(res);
    state = online == n ? CS_GROUP_ONLINE : online ? CS_GROUP_PARTIAL_ONLINE : CS_GROUP_OFFLINE;
    return cs_group_set_state(s, group, state);
}

/* Puts res in state after doing the same to everything `related` lists
 * for it: dependencies on the way up, dependents on the way down. */
static uint32_t set_chain(cs_store *s, const cs_resource *res, int state, list_fn related, int depth)
{
    cs_resource *rel;
    uint32_t err;
    size_t i, n;

    if (depth > CHAIN_MAX) return CS_ERROR_CIRCULAR_DEPENDENCY;
    if ((err = related(s, res->id, &rel, &n))) return err;
    for (i = 0; !err && i < n; i++)
        if (rel[i].state != state) err = set_chain(s, &rel[i], state, related, depth + 1);
    cs_free(rel);
    if (!err && res->state != state) err = cs_resource_set_state(s, res->id, state);
    return err;
}

static uint32_t set_resource(cs_store *s, const char *name, int state, list_fn related)
{
    cs_resource res;
    uint32_t err;

    if ((err = cs_resource_find(s, name, &res)) || (err = set_chain(s, &res, state, related, 0))) return err;
    return set_group_state(s, res.group);
}

uint32_t resource_online(cs_store *s, const char *name)
{
    return set_resource(s, name, CS_RES_ONLINE, cs_resource_list_dependencies);
}

uint32_t resource_offline(cs_store *s, const char *name)
{
    return set_resource(s, name, CS_RES_OFFLINE, cs_resource_list_dependents);
}

static uint32_t set_group(cs_store *s, const char *name, int state, int group_state, list_fn related)
{
    cs_resource *res;
    cs_group group;
    uint32_t err;
    size_t i, n;

    if ((err = cs_group_find(s, name, &group)) || (err = cs_resource_list(s, group.name, &res, &n))) return err;
    for (i = 0; !err && i < n; i++) err = set_chain(s, &res[i], state, related, 0);
    cs_free(res);
    /* Set outright: an empty group has no resources to follow. */
    return err ? err : cs_group_set_state(s, group.name, group_state);
}

uint32_t group_online(cs_store *s, const char *name)
{
    return set_group(s, name, CS_RES_ONLINE, CS_GROUP_ONLINE, cs_resource_list_dependencies);
}

uint32_t group_offline(cs_store *s, const char *name)
{
    return set_group(s, name, CS_RES_OFFLINE, CS_GROUP_OFFLINE, cs_resource_list_dependents);
}
