/* Resources: creation, deletion, lookup, state, placement. */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct res_args {
    const char  *res, *name, *type, *group;
    int          state;
    cs_resource *out;
};

static uint32_t name_free(cs_store *s, const char *name)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT 1 FROM resource WHERE name = ?", "t", name)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_OBJECT_ALREADY_EXISTS, "a resource named '%s' already exists", name);
    return err;
}

static uint32_t create_fn(cs_store *s, void *arg)
{
    struct res_args *a = arg;
    cs_restype t;
    cs_resource r;
    cs_group g;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = name_free(s, a->name)) || (err = cs__group_lookup(s, a->group, &g)))
        return err;
    if ((err = cs__prep(s, &st, "SELECT name, display_name, dll FROM restype WHERE name = ?", "t", a->type)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "resource type '%s' not found", a->type);
    if (!err)
        cs__copy(t.name, sizeof(t.name), sqlite3_column_text(st, 0));
    cs__done(s, st);
    if (err || (err = cs__new_guid(s, r.id)))
        return err;
    /* The type is stored with its canonical spelling, not the caller's. */
    if ((err = cs__exec(s, "INSERT INTO resource VALUES(?, ?, ?, ?, ?, ?)", "ttttii", r.id, a->name, t.name, g.id,
                        (int64_t)g.owner_node, (int64_t)CS_RES_OFFLINE)))
        return err;
    cs__copy(r.name, sizeof(r.name), (const unsigned char *)a->name);
    cs__copy(r.type, sizeof(r.type), (const unsigned char *)t.name);
    cs__copy(r.group, sizeof(r.group), (const unsigned char *)g.name);
    r.owner_node = g.owner_node;
    r.state = CS_RES_OFFLINE;
    if (a->out)
        *a->out = r;
    return cs__log(s, "resource.create", r.id, "'%s' type '%s' in group '%s'", r.name, r.type, g.name);
}

uint32_t cs_resource_create(cs_store *s, const char *name, const char *type, const char *group, cs_resource *out)
{
    struct res_args a = { NULL, name, type, group, 0, out };
    uint32_t err = cs__check_name(s, "resource", name);

    if (!err && (!type || !group))
        err = cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no resource type or group");
    return err ? err : cs__write(s, create_fn, &a);
}

static uint32_t delete_fn(cs_store *s, void *arg)
{
    struct res_args *a = arg;
    cs_resource r;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__res_lookup(s, a->res, &r)))
        return err;
    if ((err = cs__prep(s, &st,
                        "SELECT (SELECT quorum_resource FROM cluster) = ?1,"
                        " (SELECT count(*) FROM dependency WHERE dep = ?1)",
                        "t", r.id)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && sqlite3_column_int(st, 0))
        err = cs__fail(s, CS_ERROR_QUORUM_RESOURCE, "resource '%s' is the quorum resource", r.name);
    else if (!err && sqlite3_column_int(st, 1))
        err = cs__fail(s, CS_ERROR_DEPENDENT_RESOURCE_EXISTS, "other resources depend on '%s'", r.name);
    cs__done(s, st);
    if (err)
        return err;
    /* Deleting a resource deletes its checkpoints (and their contents). */
    if ((err = cs__exec(s, "DELETE FROM dependency WHERE res = ?", "t", r.id)) ||
        (err = cs__exec(s, "DELETE FROM checkpoint WHERE res = ?", "t", r.id)) ||
        (err = cs__exec(s, "DELETE FROM ckpt_data WHERE res = ?", "t", r.id)) ||
        (err = cs__exec(s, "DELETE FROM resource WHERE id = ?", "t", r.id)))
        return err;
    return cs__log(s, "resource.delete", r.id, "'%s'", r.name);
}

uint32_t cs_resource_delete(cs_store *s, const char *name_or_id)
{
    struct res_args a = { name_or_id, NULL, NULL, NULL, 0, NULL };
    return cs__write(s, delete_fn, &a);
}

static uint32_t find_fn(cs_store *s, void *arg)
{
    struct res_args *a = arg;
    return cs__res_lookup(s, a->res, a->out);
}

uint32_t cs_resource_find(cs_store *s, const char *name_or_id, cs_resource *out)
{
    struct res_args a = { name_or_id, NULL, NULL, NULL, 0, out };

    if (!out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    return cs__read(s, find_fn, &a);
}

struct list_args { const char *group, *res; int which; cs__vec v; };

static uint32_t list_fn(cs_store *s, void *arg)
{
    struct list_args *a = arg;
    sqlite3_stmt *st;
    cs_resource r;
    cs_group g;
    uint32_t err;
    int row;

    a->v.n = 0;
    if (a->res) {
        /* which: 1 = what res depends on, 2 = what depends on res. */
        if ((err = cs__res_lookup(s, a->res, &r)))
            return err;
        err = cs__prep(s, &st,
                       a->which == 1 ? "SELECT " CS_RES_COLUMNS CS_RES_FROM
                                       "JOIN dependency d ON d.dep = r.id WHERE d.res = ? ORDER BY r.name"
                                     : "SELECT " CS_RES_COLUMNS CS_RES_FROM
                                       "JOIN dependency d ON d.res = r.id WHERE d.dep = ? ORDER BY r.name",
                       "t", r.id);
    } else if (a->group) {
        if ((err = cs__group_lookup(s, a->group, &g)))
            return err;
        err = cs__prep(s, &st, "SELECT " CS_RES_COLUMNS CS_RES_FROM "WHERE r.grp = ? ORDER BY r.name", "t", g.id);
    } else
        err = cs__prep(s, &st, "SELECT " CS_RES_COLUMNS CS_RES_FROM "ORDER BY r.name", "");
    if (err)
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        cs__res_row(st, &r);
        if ((err = cs__vec_push(s, &a->v, &r)))
            break;
    }
    cs__done(s, st);
    return err;
}

static uint32_t list(cs_store *s, struct list_args *a, cs_resource **arr, size_t *n)
{
    a->v.size = sizeof(cs_resource);
    return cs__read_vec(s, list_fn, a, &a->v, arr, n);
}

uint32_t cs_resource_list(cs_store *s, const char *group, cs_resource **arr, size_t *n)
{
    struct list_args a = { group, NULL, 0, { NULL, 0, 0, 0 } };
    return list(s, &a, arr, n);
}

uint32_t cs_resource_list_dependencies(cs_store *s, const char *res, cs_resource **arr, size_t *n)
{
    struct list_args a = { NULL, res, 1, { NULL, 0, 0, 0 } };

    if (!res)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no resource");
    return list(s, &a, arr, n);
}

uint32_t cs_resource_list_dependents(cs_store *s, const char *res, cs_resource **arr, size_t *n)
{
    struct list_args a = { NULL, res, 2, { NULL, 0, 0, 0 } };

    if (!res)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no resource");
    return list(s, &a, arr, n);
}

uint32_t cs__res_put_state(cs_store *s, const cs_resource *r, int state)
{
    uint32_t err = cs__exec(s, "UPDATE resource SET state = ? WHERE id = ?", "it", (int64_t)state, r->id);

    return err ? err : cs__log(s, "resource.state", r->id, "'%s' state %d", r->name, state);
}

static uint32_t state_fn(cs_store *s, void *arg)
{
    struct res_args *a = arg;
    cs_resource r;
    uint32_t err = cs__res_lookup(s, a->res, &r);

    return err ? err : cs__res_put_state(s, &r, a->state);
}

uint32_t cs_resource_set_state(cs_store *s, const char *name_or_id, int state)
{
    struct res_args a = { name_or_id, NULL, NULL, NULL, state, NULL };

    if (!((state >= CS_RES_INHERITED && state <= CS_RES_FAILED) ||
          (state >= CS_RES_PENDING && state <= CS_RES_OFFLINE_PENDING)))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "resource state %d is not a cluster resource state", state);
    return cs__write(s, state_fn, &a);
}

static uint32_t rename_fn(cs_store *s, void *arg)
{
    struct res_args *a = arg;
    cs_resource r;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->res, &r)))
        return err;
    if (strcasecmp(r.name, a->name) != 0 && (err = name_free(s, a->name)))
        return err;
    if ((err = cs__exec(s, "UPDATE resource SET name = ? WHERE id = ?", "tt", a->name, r.id)))
        return err;
    return cs__log(s, "resource.rename", r.id, "'%s' to '%s'", r.name, a->name);
}

uint32_t cs_resource_rename(cs_store *s, const char *name_or_id, const char *new_name)
{
    struct res_args a = { name_or_id, new_name, NULL, NULL, 0, NULL };
    uint32_t err = cs__check_name(s, "resource", new_name);

    return err ? err : cs__write(s, rename_fn, &a);
}

static uint32_t move_fn(cs_store *s, void *arg)
{
    struct res_args *a = arg;
    cs_resource r;
    cs_group g;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->res, &r)) || (err = cs__group_lookup(s, a->group, &g)))
        return err;
    /* Dependencies never cross groups: the whole tree the resource is in
     * moves with it (ChangeClusterResourceGroup). */
    if ((err = cs__exec(s,
                        "WITH RECURSIVE tree(id) AS (SELECT ?1 UNION SELECT CASE WHEN d.res = tree.id THEN d.dep"
                        " ELSE d.res END FROM dependency d JOIN tree ON d.res = tree.id OR d.dep = tree.id)"
                        " UPDATE resource SET grp = ?2, owner = ?3 WHERE id IN (SELECT id FROM tree)",
                        "tti", r.id, g.id, (int64_t)g.owner_node)))
        return err;
    return cs__log(s, "resource.move", r.id, "'%s' and %d linked to group '%s'", r.name, sqlite3_changes(s->db) - 1,
                   g.name);
}

uint32_t cs_resource_move(cs_store *s, const char *name_or_id, const char *group)
{
    struct res_args a = { name_or_id, NULL, NULL, group, 0, NULL };
    return cs__write(s, move_fn, &a);
}
