/* What the store says of a resource or group, in one call, for the checks. */
#ifndef WINECLUS_TEST_STATES_H
#define WINECLUS_TEST_STATES_H

#include "clusstore.h"

static inline int res_state(cs_store *s, const char *name)
{
    cs_resource r;
    return cs_resource_find(s, name, &r) ? -1 : r.state;
}

static inline int group_state(cs_store *s, const char *name)
{
    cs_group g;
    return cs_group_find(s, name, &g) ? -1 : g.state;
}

static inline uint32_t group_owner(cs_store *s, const char *name)
{
    cs_group g;
    return cs_group_find(s, name, &g) ? 0 : g.owner_node;
}

#endif
