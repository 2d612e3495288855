/* A group's preferred owners: the nodes it would rather run on, in order.
 * Server 2003 keeps them in its hive as the group key's PreferredOwners
 * value, a REG_MULTI_SZ of node ids; so do we, so the registry calls, the
 * dump and backups carry them like any other value. */
#include "cs_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALUE "PreferredOwners"
#define ID_TEXT_MAX 11   /* "4294967295" and its NUL */

static void group_key(const char *group_id, char key[CS_PATH_MAX])
{
    snprintf(key, CS_PATH_MAX, "Groups\\%s", group_id);
}

/* The ids a value lists, in order; what is not a decimal id is skipped
 * (the value may have been written through the registry calls). */
static size_t parse_ids(const unsigned char *data, size_t size, uint32_t *ids, size_t cap)
{
    size_t pos = 0, n = 0;

    while (pos < size && data[pos]) {
        const char *text = (const char *)data + pos;
        size_t len = strnlen(text, size - pos);
        char *end;
        unsigned long id;

        if (len < ID_TEXT_MAX && len == strspn(text, "0123456789")) {
            id = strtoul(text, &end, 10);
            if (id && id <= UINT32_MAX && n < cap)
                ids[n++] = (uint32_t)id;
        }
        pos += len + 1;
    }
    return n;
}

/* Write ids (n of them) as the group's value, or drop it when there are none. */
static uint32_t store_ids(cs_store *s, const char *key, const uint32_t *ids, size_t n)
{
    char *data, *p;
    uint32_t err;
    size_t i;

    if (!n)
        return cs__exec(s, "DELETE FROM regval WHERE key = ? AND name = '" VALUE "'", "t", key);
    if (!(data = p = malloc(n * ID_TEXT_MAX + 1)))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    for (i = 0; i < n; i++)
        p += sprintf(p, "%u", ids[i]) + 1;
    *p++ = 0;
    err = cs__exec(s, "INSERT OR REPLACE INTO regval VALUES(?, '" VALUE "', ?, ?)", "tib", key,
                   (int64_t)CS_REG_MULTI_SZ, data, (size_t)(p - data));
    free(data);
    return err;
}

/* Read the group's ids into a malloc'd *ids (NULL and 0 when it has none). */
static uint32_t load_ids(cs_store *s, const char *key, uint32_t **ids, size_t *n)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *ids = NULL;
    *n = 0;
    if ((err = cs__prep(s, &st, "SELECT data FROM regval WHERE key = ? AND name = '" VALUE "' AND type = ?", "ti",
                        key, (int64_t)CS_REG_MULTI_SZ)))
        return err;
    if (!(err = cs__step(s, st, &row)) && row) {
        const unsigned char *data = sqlite3_column_blob(st, 0);
        size_t size = (size_t)sqlite3_column_bytes(st, 0);

        /* Each id takes two bytes at least. */
        if (size && !(*ids = malloc((size / 2 + 1) * sizeof(**ids))))
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        else if (size)
            *n = parse_ids(data, size, *ids, size / 2 + 1);
    }
    cs__done(s, st);
    return err;
}

uint32_t cs__preferred_ids(cs_store *s, const char *group_id, uint32_t **ids, size_t *n)
{
    char key[CS_PATH_MAX];

    group_key(group_id, key);
    return load_ids(s, key, ids, n);
}

struct pref_args {
    const char     *group;
    const uint32_t *nodes;
    size_t          n;
    cs__vec        *out;
};

static uint32_t set_fn(cs_store *s, void *arg)
{
    struct pref_args *a = arg;
    char key[CS_PATH_MAX];
    uint32_t *ids = NULL, err = 0;
    size_t i, j, n = 0;
    cs_group g;
    cs_node node;

    if ((err = cs__group_lookup(s, a->group, &g)))
        return err;
    if (a->n && !(ids = malloc(a->n * sizeof(*ids))))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    for (i = 0; !err && i < a->n; i++) {
        if ((err = cs__node_lookup(s, a->nodes[i], &node)))
            break;
        for (j = 0; j < n && ids[j] != a->nodes[i]; j++)
            ;
        if (j == n)
            ids[n++] = a->nodes[i];
    }
    group_key(g.id, key);
    if (!err)
        err = store_ids(s, key, ids, n);
    free(ids);
    return err ? err : cs__log(s, "group.preferred", g.id, "'%s': %zu preferred owners", g.name, n);
}

uint32_t cs_group_set_preferred(cs_store *s, const char *group, const uint32_t *nodes, size_t n)
{
    struct pref_args a = { group, nodes, n, NULL };

    if (!group || (n && !nodes))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no group or node list");
    return cs__write(s, set_fn, &a);
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    struct pref_args *a = arg;
    char key[CS_PATH_MAX];
    uint32_t *ids, err;
    size_t i, n;
    cs_group g;
    cs_node node;

    a->out->n = 0;
    if ((err = cs__group_lookup(s, a->group, &g)))
        return err;
    group_key(g.id, key);
    if ((err = load_ids(s, key, &ids, &n)))
        return err;
    for (i = 0; !err && i < n; i++) {
        err = cs__node_lookup(s, ids[i], &node);
        if (err == CS_ERROR_CLUSTER_NODE_NOT_FOUND)
            err = 0;   /* written through the registry calls: only nodes count */
        else if (!err)
            err = cs__vec_push(s, a->out, &node);
    }
    free(ids);
    return err;
}

uint32_t cs_group_list_preferred(cs_store *s, const char *group, cs_node **arr, size_t *n)
{
    cs__vec v = { NULL, 0, 0, sizeof(cs_node) };
    struct pref_args a = { group, NULL, 0, &v };

    if (!group)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no group");
    return cs__read_vec(s, list_fn, &a, &v, arr, n);
}

uint32_t cs__preferred_forget(cs_store *s, uint32_t node)
{
    cs_regkey_name *keys = NULL;
    sqlite3_stmt *st;
    uint32_t err, *ids;
    size_t nkeys = 0, cap = 0, i, j, n, kept;
    int row;

    /* Collect first: the rows are rewritten below. */
    if ((err = cs__prep(s, &st, "SELECT substr(key, 8) FROM regval WHERE name = '" VALUE "' AND key LIKE 'Groups\\%'"
                        " AND instr(substr(key, 8), '\\') = 0", "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        if (nkeys == cap) {
            cs_regkey_name *grown = realloc(keys, (cap = cap ? cap * 2 : 8) * sizeof(*keys));
            if (!grown) {
                err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
                break;
            }
            keys = grown;
        }
        cs__copy(keys[nkeys++].name, sizeof(keys->name), sqlite3_column_text(st, 0));
    }
    cs__done(s, st);
    for (i = 0; !err && i < nkeys; i++) {
        char key[CS_PATH_MAX];

        group_key(keys[i].name, key);
        if ((err = load_ids(s, key, &ids, &n)))
            break;
        for (j = kept = 0; j < n; j++)
            if (ids[j] != node)
                ids[kept++] = ids[j];
        if (kept != n)
            err = store_ids(s, key, ids, kept);
        free(ids);
    }
    free(keys);
    return err;
}
