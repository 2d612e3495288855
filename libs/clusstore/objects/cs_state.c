/* State changes of resources and groups with Server 2003's rules: the order
 * dependencies impose, a group state that follows from its resources, moves
 * between nodes (docs/states.md).  What one caller asks for happens in one
 * transaction, so two callers never see each other half done: the second
 * finds the first's result and answers by it. */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Dependencies are acyclic in the store; the bound only guards against a
 * damaged database loaded from a dump. */
#define DEPTH_MAX 64

/* Types whose online starts something on the owner node (a process, a
 * service): the database cannot do that, the owner's cluster service can. */
static const char *const on_owner_types[] = { "Generic Application", "Generic Service" };

int cs_restype_online_on_owner(const char *type)
{
    size_t i;

    for (i = 0; type && i < sizeof(on_owner_types) / sizeof(*on_owner_types); i++)
        if (!strcasecmp(type, on_owner_types[i]))
            return 1;
    return 0;
}

static int is_pending(int state)
{
    return state == CS_RES_PENDING || state == CS_RES_ONLINE_PENDING || state == CS_RES_OFFLINE_PENDING;
}

struct state_args {
    const char *name;
    uint32_t    node;
    int         ok;
    int         pending;  /* out: a resource was left OnlinePending */
    uint32_t    to;       /* out: where the group is */
    int         dry;      /* failback, failover after a failure: only say where the group would go */
};

#define ID(v, i) ((const char *)(v)->items + (i) * CS_GUID_MAX)

/* Ids of the rows sql (one text parameter) selects, in v. */
static uint32_t ids_of(cs_store *s, const char *sql, const char *param, cs__vec *v)
{
    char id[CS_GUID_MAX];
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    v->n = 0;
    if ((err = cs__prep(s, &st, sql, "t", param)))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        cs__copy(id, sizeof(id), sqlite3_column_text(st, 0));
        if ((err = cs__vec_push(s, v, id)))
            break;
    }
    cs__done(s, st);
    return err;
}

#define SQL_PROVIDERS  "SELECT dep FROM dependency WHERE res = ? ORDER BY dep"
#define SQL_DEPENDENTS "SELECT res FROM dependency WHERE dep = ? ORDER BY res"
/* A provider of it is not Online yet. */
#define SQL_WAITS      "SELECT 1 FROM dependency d JOIN resource p ON p.id = d.dep " \
                       "WHERE d.res = ? AND p.state <> 2 LIMIT 1"
#define SQL_MEMBERS    "SELECT id FROM resource WHERE grp = ? ORDER BY name, id"

static uint32_t too_deep(cs_store *s, int depth)
{
    if (depth <= DEPTH_MAX)
        return 0;
    return cs__fail(s, CS_ERROR_CIRCULAR_DEPENDENCY, "dependencies deeper than %d", DEPTH_MAX);
}

static uint32_t exists(cs_store *s, const char *sql, const char *param, int *yes)
{
    sqlite3_stmt *st;
    uint32_t err = cs__prep(s, &st, sql, "t", param);

    if (err)
        return err;
    err = cs__step(s, st, yes);
    cs__done(s, st);
    return err;
}

/* Its providers first, recursively; *pending: it is left OnlinePending,
 * because of its type or because a provider is. */
static uint32_t online_chain(cs_store *s, const char *id, int depth, int *pending)
{
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    cs_resource r;
    uint32_t err;
    size_t i;
    int waiting = 0, p, yes;

    if ((err = too_deep(s, depth)) || (err = cs__res_lookup(s, id, &r)))
        return err;
    *pending = r.state == CS_RES_ONLINE_PENDING;
    if (r.state == CS_RES_ONLINE || r.state == CS_RES_ONLINE_PENDING)
        return 0;
    if (is_pending(r.state))
        return cs__fail(s, CS_ERROR_INVALID_STATE, "resource '%s' is pending", r.name);
    if ((err = cs__res_can_host(s, &r, r.owner_node, &yes)))
        return err;
    if (!yes)
        return cs__fail(s, CS_ERROR_NODE_CANT_HOST_RESOURCE, "node %u is not a possible owner of '%s'",
                        r.owner_node, r.name);
    err = ids_of(s, SQL_PROVIDERS, r.id, &v);
    for (i = 0; !err && i < v.n; i++)
        if (!(err = online_chain(s, ID(&v, i), depth + 1, &p)))
            waiting |= p;
    free(v.items);
    if (err)
        return err;
    *pending = waiting || cs_restype_online_on_owner(r.type);
    return cs__res_put_state(s, &r, *pending ? CS_RES_ONLINE_PENDING : CS_RES_ONLINE);
}

/* Its dependents first, recursively, to Offline, or (fail) to Failed: those
 * online or on their way, since Failed rather than Offline keeps in the
 * store that they are meant to be online, for the restart. */
static uint32_t down_chain(cs_store *s, const char *id, int depth, int fail)
{
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    cs_resource r;
    uint32_t err;
    size_t i;

    if ((err = too_deep(s, depth)) || (err = cs__res_lookup(s, id, &r)))
        return err;
    if (fail ? r.state != CS_RES_ONLINE && r.state != CS_RES_ONLINE_PENDING : r.state == CS_RES_OFFLINE)
        return 0;
    if (!fail && is_pending(r.state))
        return cs__fail(s, CS_ERROR_INVALID_STATE, "resource '%s' is pending", r.name);
    err = ids_of(s, SQL_DEPENDENTS, r.id, &v);
    for (i = 0; !err && i < v.n; i++)
        err = down_chain(s, ID(&v, i), depth + 1, fail);
    free(v.items);
    return err ? err : cs__res_put_state(s, &r, fail ? CS_RES_FAILED : CS_RES_OFFLINE);
}

/* The dependents of a resource that came online and that waited for nothing
 * else come online too, and theirs after them. */
static uint32_t wake_dependents(cs_store *s, const char *id, int depth)
{
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    cs_resource d;
    uint32_t err;
    size_t i;
    int waits;

    if ((err = too_deep(s, depth)))
        return err;
    err = ids_of(s, SQL_DEPENDENTS, id, &v);
    for (i = 0; !err && i < v.n; i++) {
        if ((err = cs__res_lookup(s, ID(&v, i), &d)) || d.state != CS_RES_ONLINE_PENDING ||
            cs_restype_online_on_owner(d.type) ||
            (err = exists(s, SQL_WAITS, d.id, &waits)) || waits)
            continue;
        if (!(err = cs__res_put_state(s, &d, CS_RES_ONLINE)))
            err = wake_dependents(s, d.id, depth + 1);
    }
    free(v.items);
    return err;
}

/* The group's state as GetClusterGroupState documents it: Failed if one of
 * its resources failed, else Pending if one is pending, else Online if all
 * are online, PartialOnline if some are, Offline if none (or none at all). */
static uint32_t group_refresh(cs_store *s, const char *group)
{
    size_t n = 0, online = 0, failed = 0, pending = 0;
    sqlite3_stmt *st;
    uint32_t err;
    cs_group g;
    int row, state;

    if ((err = cs__group_lookup(s, group, &g)) ||
        (err = cs__prep(s, &st, "SELECT state FROM resource WHERE grp = ?", "t", g.id)))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        state = sqlite3_column_int(st, 0);
        n++;
        online += state == CS_RES_ONLINE;
        failed += state == CS_RES_FAILED;
        pending += is_pending(state);
    }
    cs__done(s, st);
    if (err)
        return err;
    state = failed ? CS_GROUP_FAILED : pending ? CS_GROUP_PENDING : n && online == n ? CS_GROUP_ONLINE
          : online ? CS_GROUP_PARTIAL_ONLINE : CS_GROUP_OFFLINE;
    return state == g.state ? 0 : cs__group_put_state(s, &g, state);
}

static uint32_t owner_paused(cs_store *s, uint32_t owner, const char *what)
{
    cs_node n;
    uint32_t err = cs__node_lookup(s, owner, &n);

    if (!err && n.state == CS_NODE_PAUSED)
        err = cs__fail(s, CS_ERROR_SHARING_PAUSED, "node '%s', which hosts %s, is paused", n.name, what);
    return err;
}

static uint32_t res_online_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_resource r;
    uint32_t err;
    int quorum;

    if ((err = cs__res_lookup(s, a->name, &r)) || r.state == CS_RES_ONLINE)
        return err;
    if (is_pending(r.state))
        return cs__fail(s, CS_ERROR_INVALID_STATE, "resource '%s' is pending", r.name);
    /* A paused node brings nothing online but the quorum (ApiPauseNode). */
    if ((err = exists(s, "SELECT 1 FROM cluster WHERE quorum_resource = ?", r.id, &quorum)) ||
        (!quorum && (err = owner_paused(s, r.owner_node, r.name))) ||
        (err = online_chain(s, r.id, 0, &a->pending)))
        return err;
    return group_refresh(s, r.group);
}

static uint32_t res_offline_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_resource r;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->name, &r)) || (err = down_chain(s, r.id, 0, 0)))
        return err;
    return group_refresh(s, r.group);
}

static uint32_t res_fail_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_resource r;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->name, &r)))
        return err;
    if (r.state != CS_RES_ONLINE && r.state != CS_RES_ONLINE_PENDING)
        return cs__fail(s, CS_ERROR_RESOURCE_NOT_ONLINE, "resource '%s' is not online", r.name);
    if ((err = down_chain(s, r.id, 0, 1)))
        return err;
    return group_refresh(s, r.group);
}

static uint32_t res_finish_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_resource r;
    uint32_t err;
    int waits;

    if ((err = cs__res_lookup(s, a->name, &r)))
        return err;
    if (r.state != CS_RES_ONLINE_PENDING)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "resource '%s' is not coming online", r.name);
    if (!a->ok)
        err = down_chain(s, r.id, 0, 1);
    else if ((err = exists(s, SQL_WAITS, r.id, &waits)))
        return err;
    else if (waits)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "resource '%s' still waits for its providers", r.name);
    else if (!(err = cs__res_put_state(s, &r, CS_RES_ONLINE)))
        err = wake_dependents(s, r.id, 0);
    return err ? err : group_refresh(s, r.group);
}

static uint32_t run_res(cs_store *s, const char *res, cs__txfn fn, int ok)
{
    struct state_args a = { res, 0, ok, 0, 0, 0 };
    uint32_t err = cs__write(s, fn, &a);

    return !err && a.pending ? CS_ERROR_IO_PENDING : err;
}

uint32_t cs_resource_online(cs_store *s, const char *res)
{
    return run_res(s, res, res_online_fn, 0);
}

uint32_t cs_resource_offline(cs_store *s, const char *res)
{
    return run_res(s, res, res_offline_fn, 0);
}

uint32_t cs_resource_fail(cs_store *s, const char *res)
{
    return run_res(s, res, res_fail_fn, 0);
}

uint32_t cs_resource_finish_online(cs_store *s, const char *res, int ok)
{
    return run_res(s, res, res_finish_fn, ok);
}

uint32_t cs__res_finish(cs_store *s, const char *res)
{
    struct state_args a = { res, 0, 1, 0, 0, 0 };

    return res_finish_fn(s, &a);
}

/* ---- groups ---- */

/* A group in the middle of a change is left to finish it. */
static uint32_t group_settled(cs_store *s, const cs_group *g)
{
    int yes;
    uint32_t err = exists(s, "SELECT 1 FROM resource WHERE grp = ? AND state >= 128 LIMIT 1", g->id, &yes);

    if (!err && yes)
        err = cs__fail(s, CS_ERROR_INVALID_STATE, "group '%s' has resources pending", g->name);
    return err;
}

/* Why node n cannot take group g, as an error (0 if it can); quiet: say
 * nothing in the store's message (the search for the best node). */
static uint32_t can_take(cs_store *s, const cs_group *g, const cs_node *n, int quiet)
{
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    uint32_t err;
    cs_resource r;
    size_t i;
    int up = 0, yes = 1;

    r.name[0] = 0;
    if ((err = cs_node_is_up(s, n->id, &up)))
        return err;
    if (!up)
        return quiet ? CS_ERROR_CLUSTER_NODE_DOWN
                     : cs__fail(s, CS_ERROR_CLUSTER_NODE_DOWN, "node '%s' is down", n->name);
    if (n->state == CS_NODE_PAUSED)
        return quiet ? CS_ERROR_SHARING_PAUSED
                     : cs__fail(s, CS_ERROR_SHARING_PAUSED, "node '%s' is paused: it takes no groups", n->name);
    err = ids_of(s, SQL_MEMBERS, g->id, &v);
    for (i = 0; !err && yes && i < v.n; i++)
        if (!(err = cs__res_lookup(s, ID(&v, i), &r)))
            err = cs__res_can_host(s, &r, n->id, &yes);
    free(v.items);
    if (!err && !yes)
        err = quiet ? CS_ERROR_NODE_CANT_HOST_RESOURCE
                    : cs__fail(s, CS_ERROR_NODE_CANT_HOST_RESOURCE, "node '%s' is not a possible owner of '%s'",
                               n->name, r.name);
    return err;
}

/* The best other node for g: its preferred owners in order, then every
 * node by id; the first that can take it. */
static uint32_t best_node(cs_store *s, const cs_group *g, cs_node *out)
{
    uint32_t *pref = NULL, err;
    size_t npref = 0, i;
    sqlite3_stmt *st;
    cs__vec all = { NULL, 0, 0, sizeof(uint32_t) };
    int row, found = 0;

    if ((err = cs__preferred_ids(s, g->id, &pref, &npref)) ||
        (err = cs__prep(s, &st, "SELECT id FROM node ORDER BY id", "")))
        goto done;
    for (i = 0; !err && i < npref; i++)
        err = cs__vec_push(s, &all, &pref[i]);
    while (!err && !(err = cs__step(s, st, &row)) && row) {
        uint32_t id = (uint32_t)sqlite3_column_int64(st, 0);
        err = cs__vec_push(s, &all, &id);
    }
    cs__done(s, st);
    for (i = 0; !err && !found && i < all.n; i++) {
        uint32_t id = ((const uint32_t *)all.items)[i], e;

        if (id == g->owner_node)
            continue;
        if ((e = cs__node_lookup(s, id, out)) == CS_ERROR_CLUSTER_NODE_NOT_FOUND)
            continue;   /* a preferred owner evicted since */
        if (!e)
            e = can_take(s, g, out, 1);
        if (!e)
            found = 1;
        else if (e != CS_ERROR_CLUSTER_NODE_DOWN && e != CS_ERROR_SHARING_PAUSED &&
                 e != CS_ERROR_NODE_CANT_HOST_RESOURCE)
            err = e;
    }
    if (!err && !found)
        err = cs__fail(s, CS_ERROR_HOST_NODE_NOT_AVAILABLE, "no other node can take group '%s'", g->name);
done:
    free(pref);
    free(all.items);
    if (!err)
        cs__clear(s);
    return err;
}

/* Take g's resources offline and hand it to n; v gets the ones that were
 * online, to bring back there. */
static uint32_t relocate(cs_store *s, cs_group *g, const cs_node *n, cs__vec *v)
{
    cs__vec members = { NULL, 0, 0, CS_GUID_MAX };
    uint32_t err = ids_of(s, "SELECT id FROM resource WHERE grp = ? AND state = 2 ORDER BY name, id", g->id, v);
    size_t i;

    if (!err)
        err = ids_of(s, SQL_MEMBERS, g->id, &members);
    for (i = 0; !err && i < members.n; i++)
        err = down_chain(s, ID(&members, i), 0, 0);
    free(members.items);
    if (!err && !(err = cs__group_put_owner(s, g, n)))
        g->owner_node = n->id;
    return err;
}

static uint32_t online_all(cs_store *s, const cs__vec *v, int *pending)
{
    uint32_t err = 0;
    size_t i;
    int p;

    for (i = 0; !err && i < v->n; i++)
        if (!(err = online_chain(s, ID(v, i), 0, &p)))
            *pending |= p;
    return err;
}

static uint32_t group_online_fn(cs_store *s, void *arg)
{
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    struct state_args *a = arg;
    cs_group g;
    cs_node n;
    uint32_t err;

    if ((err = cs__group_lookup(s, a->name, &g)) || (err = group_settled(s, &g)))
        return err;
    if (a->node && a->node != g.owner_node) {
        if (!(err = cs__node_lookup(s, a->node, &n)) && !(err = can_take(s, &g, &n, 0)))
            err = relocate(s, &g, &n, &v);
    } else
        err = owner_paused(s, g.owner_node, g.name);
    if (!err)
        err = ids_of(s, SQL_MEMBERS, g.id, &v);
    if (!err)
        err = online_all(s, &v, &a->pending);
    free(v.items);
    return err ? err : group_refresh(s, g.id);
}

static uint32_t group_offline_fn(cs_store *s, void *arg)
{
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    struct state_args *a = arg;
    cs_group g;
    uint32_t err;
    size_t i;

    if ((err = cs__group_lookup(s, a->name, &g)) || (err = group_settled(s, &g)))
        return err;
    err = ids_of(s, SQL_MEMBERS, g.id, &v);
    for (i = 0; !err && i < v.n; i++)
        err = down_chain(s, ID(&v, i), 0, 0);
    free(v.items);
    return err ? err : group_refresh(s, g.id);
}

/* g goes to n, and what was Online comes online there. */
static uint32_t move_to(cs_store *s, cs_group *g, const cs_node *n, struct state_args *a)
{
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    uint32_t err = relocate(s, g, n, &v);

    if (!err && !(err = online_all(s, &v, &a->pending))) {
        a->to = n->id;
        err = group_refresh(s, g->id);
    }
    free(v.items);
    return err;
}

static uint32_t group_move_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_group g;
    cs_node n;
    uint32_t err;

    if ((err = cs__group_lookup(s, a->name, &g)))
        return err;
    a->to = g.owner_node;
    /* Already there: done ([MS-CMRP] ApiMoveGroupToNode). */
    if (a->node == g.owner_node || (err = group_settled(s, &g)))
        return err;
    if (a->node)
        err = cs__node_lookup(s, a->node, &n);
    if (!err)
        err = a->node ? can_take(s, &g, &n, 0) : best_node(s, &g, &n);
    return err ? err : move_to(s, &g, &n, a);
}

uint32_t cs_group_online(cs_store *s, const char *group, uint32_t node)
{
    struct state_args a = { group, node, 0, 0, 0, 0 };
    uint32_t err = cs__write(s, group_online_fn, &a);

    return !err && a.pending ? CS_ERROR_IO_PENDING : err;
}

uint32_t cs_group_offline(cs_store *s, const char *group)
{
    struct state_args a = { group, 0, 0, 0, 0, 0 };
    return cs__write(s, group_offline_fn, &a);
}

uint32_t cs_group_move(cs_store *s, const char *group, uint32_t node, uint32_t *to)
{
    struct state_args a = { group, node, 0, 0, 0, 0 };
    uint32_t err = cs__write(s, group_move_fn, &a);

    if (!err && to)
        *to = a.to;
    return !err && a.pending ? CS_ERROR_IO_PENDING : err;
}

/* g goes to the best other node, and what it had online or was bringing
 * online (failed_too: and what failed) comes online there; what was pending
 * fails first: nothing can finish it where it was. */
static uint32_t fail_over(cs_store *s, cs_group *g, struct state_args *a, int failed_too)
{
    cs__vec back = { NULL, 0, 0, CS_GUID_MAX }, was = { NULL, 0, 0, CS_GUID_MAX };
    cs_resource r;
    cs_node n;
    uint32_t err;
    size_t i;

    err = ids_of(s, failed_too ? "SELECT id FROM resource WHERE grp = ? AND state IN (2, 4, 129) ORDER BY name, id"
                               : "SELECT id FROM resource WHERE grp = ? AND state IN (2, 129) ORDER BY name, id",
                 g->id, &back);
    for (i = 0; !err && i < back.n; i++)
        if (!(err = cs__res_lookup(s, ID(&back, i), &r)) && r.state == CS_RES_ONLINE_PENDING)
            err = down_chain(s, r.id, 0, 1);
    if (err || (err = best_node(s, g, &n)) || (err = relocate(s, g, &n, &was)) ||
        (err = online_all(s, &back, &a->pending)))
        goto done;
    a->to = n.id;
    err = group_refresh(s, g->id);
done:
    free(back.items);
    free(was.items);
    return err;
}

/* The owner is down: the group fails over. */
static uint32_t group_failover_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_group g;
    uint32_t err;
    int up;

    a->to = 0;
    if ((err = cs__group_lookup(s, a->name, &g)) || (err = cs_node_is_up(s, g.owner_node, &up)) || up)
        return err;
    return fail_over(s, &g, a, 0);
}

uint32_t cs_group_failover(cs_store *s, const char *group, uint32_t *to)
{
    struct state_args a = { group, 0, 0, 0, 0, 0 };
    uint32_t err = cs__write(s, group_failover_fn, &a);

    if (to)
        *to = err && err != CS_ERROR_IO_PENDING ? 0 : a.to;
    return !err && a.pending ? CS_ERROR_IO_PENDING : err;
}

/* A failover after a resource failure, within the group's policy: at most
 * limit of them (each logged as group.failover) since the time since. */
struct policy_args {
    struct state_args a;
    uint32_t          limit;
    int64_t           since;
};

static uint32_t group_failover_failed_fn(cs_store *s, void *arg)
{
    struct policy_args *p = arg;
    cs__vec v = { NULL, 0, 0, CS_GUID_MAX };
    sqlite3_stmt *st;
    cs_group g;
    cs_node n;
    uint32_t err;
    size_t i;
    int row, failed;
    int64_t used = 0;

    p->a.to = 0;
    if ((err = cs__group_lookup(s, p->a.name, &g)) ||
        (err = exists(s, "SELECT 1 FROM resource WHERE grp = ? AND state = 4 LIMIT 1", g.id, &failed)))
        return err;
    if (!failed)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "no resource of group '%s' has failed", g.name);
    if ((err = cs__prep(s, &st, "SELECT COUNT(*) FROM log WHERE op = 'group.failover' AND object = ? AND time > ?",
                        "ti", g.id, p->since)))
        return err;
    if (!(err = cs__step(s, st, &row)) && row)
        used = sqlite3_column_int64(st, 0);
    cs__done(s, st);
    if (err)
        return err;
    if (used < (int64_t)p->limit && p->a.dry) {
        if (!(err = best_node(s, &g, &n)))
            p->a.to = n.id;
        return err;
    }
    if (used < (int64_t)p->limit) {
        if ((err = fail_over(s, &g, &p->a, 1)))
            return err;
        return cs__log(s, "group.failover", g.id, "'%s' to node %u after a resource failure", g.name, p->a.to);
    }
    /* Past its threshold the group stays here, every resource of it failed. */
    if (p->a.dry)
        return 0;
    err = ids_of(s, SQL_MEMBERS, g.id, &v);
    for (i = 0; !err && i < v.n; i++)
        err = down_chain(s, ID(&v, i), 0, 1);
    free(v.items);
    return err ? err : group_refresh(s, g.id);
}

static uint32_t failover_after_failure(cs_store *s, const char *group, int dry, uint32_t *to)
{
    struct policy_args p = { { group, 0, 0, 0, 0, dry }, 0, 0 };
    cs_propobj obj;
    cs_group g;
    cs_node *nodes;
    size_t n;
    uint32_t hours, err;

    if (to)
        *to = 0;
    if ((err = cs_group_find(s, group, &g)) || (err = cs_propobj_init(CS_CLASS_GROUP, &g, &obj)) ||
        (err = cs_propobj_dword(s, &obj, "FailoverThreshold", &p.limit)) ||
        (err = cs_propobj_dword(s, &obj, "FailoverPeriod", &hours)))
        return err;
    /* 0xFFFFFFFF: the number of nodes less one (FailoverThreshold's reference). */
    if (p.limit == 0xFFFFFFFFu) {
        if ((err = cs_node_list(s, &nodes, &n)))
            return err;
        cs_free(nodes);
        p.limit = n ? (uint32_t)n - 1 : 0;
    }
    p.since = (int64_t)time(NULL) - (int64_t)hours * 3600;
    p.a.name = g.id;
    err = dry ? cs__read(s, group_failover_failed_fn, &p) : cs__write(s, group_failover_failed_fn, &p);
    if (to && (!err || err == CS_ERROR_IO_PENDING))
        *to = p.a.to;
    return !err && p.a.pending ? CS_ERROR_IO_PENDING : err;
}

uint32_t cs_group_failover_after_failure(cs_store *s, const char *group, uint32_t *to)
{
    return failover_after_failure(s, group, 0, to);
}

uint32_t cs_group_failover_after_failure_check(cs_store *s, const char *group, uint32_t *to)
{
    return failover_after_failure(s, group, 1, to);
}

/* The group goes back to node, a preferred owner it prefers to where it is. */
static uint32_t group_failback_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    uint32_t *pref = NULL, err;
    size_t npref = 0, rank, owner_rank;
    cs_group g;
    cs_node n;

    if ((err = cs__group_lookup(s, a->name, &g)) || (err = cs__preferred_ids(s, g.id, &pref, &npref)))
        return err;
    a->to = g.owner_node;
    for (rank = 0; rank < npref && pref[rank] != a->node; rank++) {}
    for (owner_rank = 0; owner_rank < npref && pref[owner_rank] != g.owner_node; owner_rank++) {}
    free(pref);
    if (rank >= owner_rank)
        return 0;
    if ((err = group_settled(s, &g)) || (err = cs__node_lookup(s, a->node, &n)) || (err = can_take(s, &g, &n, 0)))
        return err;
    if (a->dry) {
        a->to = n.id;
        return 0;
    }
    return move_to(s, &g, &n, a);
}

static uint32_t failback(cs_store *s, const char *group, uint32_t node, int dry, uint32_t *to)
{
    struct state_args a = { group, node, 0, 0, 0, dry };
    cs_propobj obj;
    cs_group g;
    uint32_t allow, err;

    if ((err = cs_group_find(s, group, &g)) || (err = cs_propobj_init(CS_CLASS_GROUP, &g, &obj)) ||
        (err = cs_propobj_dword(s, &obj, "AutoFailbackType", &allow)))
        return err;
    a.to = g.owner_node;
    a.name = g.id;
    if (allow == 1)
        err = dry ? cs__read(s, group_failback_fn, &a) : cs__write(s, group_failback_fn, &a);
    if (to && (!err || err == CS_ERROR_IO_PENDING))
        *to = a.to;
    return !err && a.pending ? CS_ERROR_IO_PENDING : err;
}

uint32_t cs_group_failback(cs_store *s, const char *group, uint32_t node, uint32_t *to)
{
    return failback(s, group, node, 0, to);
}

uint32_t cs_group_failback_check(cs_store *s, const char *group, uint32_t node, uint32_t *to)
{
    return failback(s, group, node, 1, to);
}

int cs_failback_window_open(uint32_t start, uint32_t end, unsigned hour)
{
    if (start > 23 || end > 23)
        return 1;   /* both are needed for a window */
    return start <= end ? start <= hour && hour <= end : hour >= start || hour <= end;
}
