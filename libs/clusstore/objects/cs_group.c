/* Resource groups. */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct grp_args {
    const char *name, *new_name;
    uint32_t    node;
    int         state;
    cs_group   *out;
};

static uint32_t name_free(cs_store *s, const char *name)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT 1 FROM grp WHERE name = ?", "t", name)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_OBJECT_ALREADY_EXISTS, "a group named '%s' already exists", name);
    return err;
}

static uint32_t create_fn(cs_store *s, void *arg)
{
    struct grp_args *a = arg;
    cs_group g;
    cs_node n;
    uint32_t err;

    if ((err = name_free(s, a->name)) || (err = cs__node_lookup(s, a->node, &n)) || (err = cs__new_guid(s, g.id)) ||
        (err = cs__exec(s, "INSERT INTO grp VALUES(?, ?, ?, ?)", "ttii", g.id, a->name,
                        (int64_t)a->node, (int64_t)CS_GROUP_OFFLINE)))
        return err;
    cs__copy(g.name, sizeof(g.name), (const unsigned char *)a->name);
    g.owner_node = a->node;
    g.state = CS_GROUP_OFFLINE;
    if (a->out)
        *a->out = g;
    return cs__log(s, "group.create", g.id, "'%s' on node %u", a->name, a->node);
}

uint32_t cs_group_create(cs_store *s, const char *name, uint32_t owner_node, cs_group *out)
{
    struct grp_args a = { name, NULL, owner_node, 0, out };
    uint32_t err = cs__check_name(s, "group", name);

    return err ? err : cs__write(s, create_fn, &a);
}

static uint32_t delete_fn(cs_store *s, void *arg)
{
    struct grp_args *a = arg;
    sqlite3_stmt *st;
    cs_group g;
    uint32_t err;
    int row;

    if ((err = cs__group_lookup(s, a->name, &g)) ||
        (err = cs__prep(s, &st, "SELECT 1 FROM resource WHERE grp = ? LIMIT 1", "t", g.id)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_DIR_NOT_EMPTY, "group '%s' still contains resources", g.name);
    if (err || (err = cs__exec(s, "DELETE FROM grp WHERE id = ?", "t", g.id)))
        return err;
    return cs__log(s, "group.delete", g.id, "'%s'", g.name);
}

uint32_t cs_group_delete(cs_store *s, const char *name)
{
    struct grp_args a = { name, NULL, 0, 0, NULL };
    return cs__write(s, delete_fn, &a);
}

static uint32_t find_fn(cs_store *s, void *arg)
{
    struct grp_args *a = arg;
    return cs__group_lookup(s, a->name, a->out);
}

uint32_t cs_group_find(cs_store *s, const char *name_or_id, cs_group *out)
{
    struct grp_args a = { name_or_id, NULL, 0, 0, out };

    if (!out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    return cs__read(s, find_fn, &a);
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    cs__vec *v = arg;
    sqlite3_stmt *st;
    cs_group g;
    uint32_t err;
    int row;

    v->n = 0;
    if ((err = cs__prep(s, &st, "SELECT id, name, owner, state FROM grp ORDER BY name, id", "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        cs__copy(g.id, sizeof(g.id), sqlite3_column_text(st, 0));
        cs__copy(g.name, sizeof(g.name), sqlite3_column_text(st, 1));
        g.owner_node = (uint32_t)sqlite3_column_int64(st, 2);
        g.state = sqlite3_column_int(st, 3);
        if ((err = cs__vec_push(s, v, &g)))
            break;
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_group_list(cs_store *s, cs_group **arr, size_t *n)
{
    cs__vec v = { NULL, 0, 0, sizeof(cs_group) };
    return cs__read_vec(s, list_fn, &v, &v, arr, n);
}

uint32_t cs__group_put_state(cs_store *s, const cs_group *g, int state)
{
    uint32_t err = cs__exec(s, "UPDATE grp SET state = ? WHERE id = ?", "it", (int64_t)state, g->id);

    return err ? err : cs__log(s, "group.state", g->id, "'%s' state %d", g->name, state);
}

static uint32_t state_fn(cs_store *s, void *arg)
{
    struct grp_args *a = arg;
    cs_group g;
    uint32_t err = cs__group_lookup(s, a->name, &g);

    return err ? err : cs__group_put_state(s, &g, a->state);
}

uint32_t cs_group_set_state(cs_store *s, const char *name, int state)
{
    struct grp_args a = { name, NULL, 0, state, NULL };

    if (state < CS_GROUP_ONLINE || state > CS_GROUP_PENDING)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "group state %d is not a cluster group state", state);
    return cs__write(s, state_fn, &a);
}

uint32_t cs__group_put_owner(cs_store *s, const cs_group *g, const cs_node *n)
{
    uint32_t err;

    /* Resources always live on their group's node. */
    if ((err = cs__exec(s, "UPDATE grp SET owner = ? WHERE id = ?", "it", (int64_t)n->id, g->id)) ||
        (err = cs__exec(s, "UPDATE resource SET owner = ? WHERE grp = ?", "it", (int64_t)n->id, g->id)))
        return err;
    return cs__log(s, "group.move", g->id, "'%s' to node %u '%s'", g->name, n->id, n->name);
}

static uint32_t owner_fn(cs_store *s, void *arg)
{
    struct grp_args *a = arg;
    cs_group g;
    cs_node n;
    uint32_t err;

    if ((err = cs__group_lookup(s, a->name, &g)) || (err = cs__node_lookup(s, a->node, &n)))
        return err;
    return cs__group_put_owner(s, &g, &n);
}

uint32_t cs_group_set_owner(cs_store *s, const char *name, uint32_t node)
{
    struct grp_args a = { name, NULL, node, 0, NULL };
    return cs__write(s, owner_fn, &a);
}

static uint32_t rename_fn(cs_store *s, void *arg)
{
    struct grp_args *a = arg;
    cs_group g;
    uint32_t err;

    if ((err = cs__group_lookup(s, a->name, &g)))
        return err;
    /* A change of case only is a rename too, not a clash with itself. */
    if (strcasecmp(g.name, a->new_name) != 0 && (err = name_free(s, a->new_name)))
        return err;
    if ((err = cs__exec(s, "UPDATE grp SET name = ? WHERE id = ?", "tt", a->new_name, g.id)))
        return err;
    return cs__log(s, "group.rename", g.id, "'%s' to '%s'", g.name, a->new_name);
}

uint32_t cs_group_rename(cs_store *s, const char *name, const char *new_name)
{
    struct grp_args a = { name, new_name, 0, 0, NULL };
    uint32_t err = cs__check_name(s, "group", new_name);

    return err ? err : cs__write(s, rename_fn, &a);
}
