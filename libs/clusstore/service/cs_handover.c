/* The hand-over of a resource whose online runs a process on its owner
 * (cs_restype_online_on_owner): table `running` records on which node that
 * process runs.  The service that starts it records itself in the same
 * transaction as it makes the resource Online, and clears the record once
 * the process has ended; a new owner's service leaves the resource
 * OnlinePending while another node whose service runs still holds the
 * record.  A record of a node whose service is not running binds nothing:
 * the service's processes die with it (docs/cluster-service.md, "Hand-over").
 * So after a move the new process starts only once the old one has ended. */
#include "cs_internal.h"

#include <stdio.h>

struct start_args {
    const char *res;
    uint32_t    node;
    uint32_t    holder;   /* out: the node whose process the resource waits for */
};

static uint32_t holder_of(cs_store *s, const char *res, uint32_t *node)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *node = 0;
    if ((err = cs__prep(s, &st, "SELECT node FROM running WHERE res = ?", "t", res)))
        return err;
    if (!(err = cs__step(s, st, &row)) && row)
        *node = (uint32_t)sqlite3_column_int64(st, 0);
    cs__done(s, st);
    return err;
}

static uint32_t start_fn(cs_store *s, void *arg)
{
    struct start_args *a = arg;
    cs_service_info svc;
    cs_resource r;
    uint32_t err, node;

    a->holder = 0;
    if ((err = cs__res_lookup(s, a->res, &r)))
        return err;
    /* Read before the move and acted on after it: the owner decides here. */
    if (r.owner_node != a->node || !cs_restype_online_on_owner(r.type))
        return cs__fail(s, CS_ERROR_INVALID_STATE, "resource '%s' is not run by node %u", r.name, a->node);
    if ((err = holder_of(s, r.id, &node)))
        return err;
    if (node && node != a->node) {
        if ((err = cs_service_query(s, node, &svc)))
            return err;
        if (svc.running) {
            a->holder = node;
            return cs__fail(s, CS_ERROR_IO_PENDING, "resource '%s' still runs on node %u", r.name, node);
        }
    }
    if ((err = cs__res_finish(s, r.id)))
        return err;
    return cs__exec(s, "INSERT OR REPLACE INTO running VALUES(?, ?)", "ti", r.id, (int64_t)a->node);
}

uint32_t cs_resource_start_here(cs_store *s, const char *res, uint32_t *holder)
{
    struct start_args a = { res, 0, 0 };
    uint32_t err;

    if (holder)
        *holder = 0;
    if (!s || !res)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no store or resource");
    if (s->service_fd < 0)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "only a node's cluster service runs resources");
    a.node = cs_node_local_id(s);
    err = cs__write(s, start_fn, &a);
    if (holder)
        *holder = a.holder;
    return err;
}

static uint32_t ended_fn(cs_store *s, void *arg)
{
    const struct start_args *a = arg;
    cs_resource r;
    uint32_t err = cs__res_lookup(s, a->res, &r);

    /* Deleted since (or deleted and loaded again by a restore): by its id. */
    if (err == CS_ERROR_RESOURCE_NOT_FOUND) {
        cs__clear(s);
        snprintf(r.id, sizeof(r.id), "%s", a->res);
    } else if (err)
        return err;
    return cs__exec(s, "DELETE FROM running WHERE res = ? AND node = ?", "ti", r.id, (int64_t)a->node);
}

uint32_t cs_resource_ended_here(cs_store *s, const char *res)
{
    struct start_args a = { res, 0, 0 };

    if (!s || !res)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no store or resource");
    a.node = cs_node_local_id(s);
    return cs__write(s, ended_fn, &a);
}

static uint32_t forget_fn(cs_store *s, void *arg)
{
    return cs__exec(s, "DELETE FROM running WHERE node = ?", "i", (int64_t)*(uint32_t *)arg);
}

uint32_t cs__running_forget_node(cs_store *s, uint32_t node)
{
    return cs__write(s, forget_fn, &node);
}
