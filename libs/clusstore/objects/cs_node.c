/* Cluster nodes: membership and stored state. */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>

static void node_row(sqlite3_stmt *st, cs_node *n)
{
    n->id = (uint32_t)sqlite3_column_int64(st, 0);
    cs__copy(n->name, sizeof(n->name), sqlite3_column_text(st, 1));
    n->state = sqlite3_column_int(st, 2);
}

struct find_args { const char *name; uint32_t id; cs_node *out; };

static uint32_t find_fn(cs_store *s, void *arg)
{
    struct find_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if (!a->name)
        return cs__node_lookup(s, a->id, a->out);
    if ((err = cs__prep(s, &st, "SELECT id, name, state FROM node WHERE name = ?", "t", a->name)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_CLUSTER_NODE_NOT_FOUND, "node '%s' not found", a->name);
    if (!err)
        node_row(st, a->out);
    cs__done(s, st);
    return err;
}

uint32_t cs_node_find(cs_store *s, const char *name, cs_node *out)
{
    struct find_args a = { name, 0, out };

    if (!name || !out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no node name or output");
    return cs__read(s, find_fn, &a);
}

uint32_t cs_node_get_by_id(cs_store *s, uint32_t id, cs_node *out)
{
    struct find_args a = { NULL, id, out };

    if (!out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    return cs__read(s, find_fn, &a);
}

static uint32_t add_fn(cs_store *s, void *arg)
{
    struct find_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT 1 FROM node WHERE name = ?", "t", a->name)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_CLUSTER_NODE_EXISTS, "node '%s' already exists", a->name);
    if (err)
        return err;
    /* Lowest free id: evicted node ids are reused, as node ids are small. */
    if ((err = cs__prep(s, &st,
                        "SELECT min(id + 1) FROM (SELECT 0 AS id UNION ALL SELECT id FROM node) "
                        "WHERE id + 1 NOT IN (SELECT id FROM node)",
                        "")))
        return err;
    err = cs__step(s, st, &row);
    a->id = (uint32_t)sqlite3_column_int64(st, 0);
    cs__done(s, st);
    if (err || (err = cs__exec(s, "INSERT INTO node VALUES(?, ?, ?)", "iti", (int64_t)a->id, a->name,
                               (int64_t)CS_NODE_DOWN)))
        return err;
    if (a->out) {
        a->out->id = a->id;
        cs__copy(a->out->name, sizeof(a->out->name), (const unsigned char *)a->name);
        a->out->state = CS_NODE_DOWN;
    }
    return cs__log(s, "node.add", a->name, "node %u '%s'", a->id, a->name);
}

uint32_t cs_node_add(cs_store *s, const char *name, cs_node *out)
{
    struct find_args a = { name, 0, out };
    uint32_t err = cs__check_name(s, "node", name);

    return err ? err : cs__write(s, add_fn, &a);
}

static uint32_t remove_fn(cs_store *s, void *arg)
{
    struct find_args *a = arg;
    sqlite3_stmt *st;
    cs_node n;
    uint32_t err;
    int row, up = 0;
    int64_t owned, total;

    a->out = &n;
    if ((err = find_fn(s, a)))
        return err;
    if ((err = cs__prep(s, &st,
                        "SELECT (SELECT count(*) FROM grp WHERE owner = ?1) + "
                        "(SELECT count(*) FROM resource WHERE owner = ?1), (SELECT count(*) FROM node)",
                        "i", (int64_t)n.id)))
        return err;
    err = cs__step(s, st, &row);
    owned = sqlite3_column_int64(st, 0);
    total = sqlite3_column_int64(st, 1);
    cs__done(s, st);
    if (err)
        return err;
    if (total <= 1)
        return cs__fail(s, CS_ERROR_CANT_EVICT_ACTIVE_NODE, "node '%s' is the last node of the cluster", n.name);
    if (owned)
        return cs__fail(s, CS_ERROR_CANT_EVICT_ACTIVE_NODE, "node '%s' still owns %lld groups/resources; move them first",
                        n.name, (long long)owned);
    if ((err = cs_node_is_up(s, n.id, &up)))
        return err;
    if (up)
        return cs__fail(s, CS_ERROR_CANT_EVICT_ACTIVE_NODE, "node '%s' is up: its cluster service runs or a program of its prefix uses the cluster",
                        n.name);
    if ((err = cs__preferred_forget(s, n.id)) || (err = cs__exec(s, "DELETE FROM node WHERE id = ?", "i", (int64_t)n.id)))
        return err;
    return cs__log(s, "node.remove", n.name, "node %u '%s'", n.id, n.name);
}

uint32_t cs_node_remove(cs_store *s, const char *name)
{
    struct find_args a = { name, 0, NULL };

    if (!name)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no node name");
    return cs__write(s, remove_fn, &a);
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    return cs__node_rows(s, arg);
}

uint32_t cs__node_rows(cs_store *s, cs__vec *v)
{
    sqlite3_stmt *st;
    cs_node n;
    uint32_t err;
    int row;

    v->n = 0; /* a retried transaction starts the list again */
    if ((err = cs__prep(s, &st, "SELECT id, name, state FROM node ORDER BY id", "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        node_row(st, &n);
        if ((err = cs__vec_push(s, v, &n)))
            break;
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_node_list(cs_store *s, cs_node **arr, size_t *n)
{
    cs__vec v = { NULL, 0, 0, sizeof(cs_node) };
    return cs__read_vec(s, list_fn, &v, &v, arr, n);
}

struct state_args { uint32_t id; int state; };

uint32_t cs__node_store_state(cs_store *s, const cs_node *n, int state)
{
    uint32_t err = cs__exec(s, "UPDATE node SET state = ? WHERE id = ?", "ii", (int64_t)state, (int64_t)n->id);

    return err ? err : cs__log(s, "node.state", n->name, "node %u '%s' state %d", n->id, n->name, state);
}

static uint32_t state_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_node n;
    uint32_t err;

    return (err = cs__node_lookup(s, a->id, &n)) ? err : cs__node_store_state(s, &n, a->state);
}

uint32_t cs_node_set_state(cs_store *s, uint32_t id, int state)
{
    struct state_args a = { id, state };

    if (state < CS_NODE_UP || state > CS_NODE_JOINING)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "node state %d is not a cluster node state", state);
    return cs__write(s, state_fn, &a);
}

static uint32_t paused_fn(cs_store *s, void *arg)
{
    struct state_args *a = arg;
    cs_node n;
    uint32_t err;
    int up = 0;

    if ((err = cs__node_lookup(s, a->id, &n)) || (err = cs_node_is_up(s, n.id, &up)))
        return err;
    if (a->state == CS_NODE_PAUSED) {
        if (!up)
            return cs__fail(s, CS_ERROR_CLUSTER_NODE_DOWN, "node '%s' is down: neither its cluster service nor a program of its prefix runs",
                            n.name);
        if (n.state == CS_NODE_PAUSED)
            return cs__fail(s, CS_ERROR_CLUSTER_NODE_PAUSED, "node '%s' is paused already", n.name);
    } else if (n.state != CS_NODE_PAUSED)
        return cs__fail(s, CS_ERROR_CLUSTER_NODE_NOT_PAUSED, "node '%s' is not paused", n.name);
    if ((err = cs__exec(s, "UPDATE node SET state = ? WHERE id = ?", "ii", (int64_t)a->state, (int64_t)n.id)))
        return err;
    return cs__log(s, a->state == CS_NODE_PAUSED ? "node.pause" : "node.resume", n.name, "node %u '%s'", n.id, n.name);
}

uint32_t cs_node_set_paused(cs_store *s, uint32_t id, int paused)
{
    /* Whether it is up comes from its liveness lock, so resuming stores "up". */
    struct state_args a = { id, paused ? CS_NODE_PAUSED : CS_NODE_UP };
    return cs__write(s, paused_fn, &a);
}
