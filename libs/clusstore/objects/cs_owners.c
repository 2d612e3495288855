/* Possible owners of resources, kept as Server 2003's hive keeps them: a
 * REG_MULTI_SZ value PossibleOwners of the resource's key holding node ids in
 * decimal.  No value means every node may host the resource; a value, even
 * an empty one, names exactly the nodes that may ([MS-CMRP] 3.1.1.1.1). */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>

#define OWNERS_VALUE "PossibleOwners"

struct owner_args {
    const char *res;
    uint32_t    node;
    int         add;          /* edit_fn: add the node, else remove it */
    cs__vec    *vec;
};

/* The listed ids, at most one each, in the value's order; *present = 0 when
 * there is no list.  Entries that are no node id (the value is writable
 * through the registry) are skipped, not trusted. */
static uint32_t read_owners(cs_store *s, const cs_resource *r, uint32_t *ids, size_t cap, size_t *n, int *present)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *n = 0;
    if ((err = cs__prep(s, &st, "SELECT type, data FROM regval WHERE key = 'Resources\\' || ? AND name = ?", "tt",
                        r->id, OWNERS_VALUE)))
        return err;
    err = cs__step(s, st, &row);
    *present = !err && row;
    if (*present && sqlite3_column_int(st, 0) == CS_REG_MULTI_SZ) {
        const char *p = sqlite3_column_blob(st, 1), *end = p + sqlite3_column_bytes(st, 1);

        while (p && p < end && *p && *n < cap) {
            const char *z = memchr(p, 0, (size_t)(end - p));
            char *stop;
            unsigned long id = strtoul(p, &stop, 10);
            size_t i;

            if (!z)
                break;
            for (i = 0; i < *n && ids[i] != id; i++)
                ;
            if (stop == z && stop != p && id && id <= UINT32_MAX && i == *n)
                ids[(*n)++] = (uint32_t)id;
            p = z + 1;
        }
    }
    cs__done(s, st);
    return err;
}

static uint32_t write_owners(cs_store *s, const cs_resource *r, const uint32_t *ids, size_t n)
{
    char buf[CS_NAME_MAX * 4];
    size_t len = 0, i;

    for (i = 0; i < n && len + 12 < sizeof(buf); i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%u", ids[i]) + 1;
    buf[len++] = 0;
    return cs__exec(s, "INSERT OR REPLACE INTO regval VALUES('Resources\\' || ?, ?, ?, ?)", "ttib", r->id,
                    OWNERS_VALUE, (int64_t)CS_REG_MULTI_SZ, buf, len);
}

/* Every node's id, in id order: what "no list" stands for. */
static uint32_t all_nodes(cs_store *s, uint32_t *ids, size_t cap, size_t *n)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *n = 0;
    if ((err = cs__prep(s, &st, "SELECT id FROM node ORDER BY id", "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row && *n < cap)
        ids[(*n)++] = (uint32_t)sqlite3_column_int64(st, 0);
    cs__done(s, st);
    return err;
}

#define OWNERS_MAX 64   /* more than any cluster's nodes (Server 2003: 8) */

/* Add (a->add) or remove one node, in one transaction. */
static uint32_t edit_fn(cs_store *s, void *arg)
{
    struct owner_args *a = arg;
    uint32_t ids[OWNERS_MAX], err;
    size_t n, i;
    cs_resource r;
    cs_node node;
    int present;

    if ((err = cs__res_lookup(s, a->res, &r)) || (err = cs__node_lookup(s, a->node, &node)) ||
        (err = read_owners(s, &r, ids, OWNERS_MAX - 1, &n, &present)))
        return err;
    /* With no list every node is a possible owner already. */
    if (!present && a->add)
        return 0;
    if (!present && (err = all_nodes(s, ids, OWNERS_MAX - 1, &n)))
        return err;
    for (i = 0; i < n && ids[i] != node.id; i++)
        ;
    if (a->add) {
        if (i < n)
            return cs__fail(s, CS_ERROR_OBJECT_ALREADY_EXISTS, "node '%s' is already a possible owner of '%s'",
                            node.name, r.name);
        ids[n++] = node.id;
    } else {
        if (i == n)
            return cs__fail(s, CS_ERROR_CLUSTER_NODE_NOT_FOUND, "node '%s' is not a possible owner of '%s'",
                            node.name, r.name);
        if (r.owner_node == node.id && (r.state == CS_RES_ONLINE || r.state == CS_RES_ONLINE_PENDING ||
                                        r.state == CS_RES_OFFLINE_PENDING))
            return cs__fail(s, CS_ERROR_INVALID_STATE, "'%s' is online on node '%s'", r.name, node.name);
        memmove(ids + i, ids + i + 1, (n - i - 1) * sizeof(*ids));
        n--;
    }
    if ((err = write_owners(s, &r, ids, n)))
        return err;
    return cs__log(s, a->add ? "resource.owner.add" : "resource.owner.remove", r.id, "'%s' node %u '%s'", r.name,
                   node.id, node.name);
}

uint32_t cs__res_can_host(cs_store *s, const cs_resource *r, uint32_t node, int *yes)
{
    uint32_t ids[OWNERS_MAX], err;
    size_t n, i;
    int present;

    if ((err = read_owners(s, r, ids, OWNERS_MAX, &n, &present)))
        return err;
    for (i = 0; i < n && ids[i] != node; i++)
        ;
    *yes = !present || i < n;
    return 0;
}

uint32_t cs_resource_add_owner(cs_store *s, const char *res, uint32_t node)
{
    struct owner_args a = { res, node, 1, NULL };
    return cs__write(s, edit_fn, &a);
}

uint32_t cs_resource_remove_owner(cs_store *s, const char *res, uint32_t node)
{
    struct owner_args a = { res, node, 0, NULL };
    return cs__write(s, edit_fn, &a);
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    struct owner_args *a = arg;
    uint32_t ids[OWNERS_MAX], err;
    size_t n, i;
    cs_resource r;
    int present;

    if ((err = cs__res_lookup(s, a->res, &r)) || (err = read_owners(s, &r, ids, OWNERS_MAX, &n, &present)))
        return err;
    if (!present && (err = all_nodes(s, ids, OWNERS_MAX, &n)))
        return err;
    /* A listed node that was evicted since is no owner. */
    for (i = 0; i < n && !err; i++) {
        cs_node node;

        if (!(err = cs__node_lookup(s, ids[i], &node)))
            err = cs__vec_push(s, a->vec, &node);
        else if (err == CS_ERROR_CLUSTER_NODE_NOT_FOUND) {
            cs__clear(s);
            err = 0;
        }
    }
    return err;
}

uint32_t cs_resource_list_owners(cs_store *s, const char *res, cs_node **arr, size_t *n)
{
    cs__vec v = { NULL, 0, 0, sizeof(cs_node) };
    struct owner_args a = { res, 0, 0, &v };
    return cs__read_vec(s, list_fn, &a, &v, arr, n);
}
