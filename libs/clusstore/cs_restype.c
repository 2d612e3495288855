/* Resource types (read-only: seeded with the Server 2003 standard set). */
#include "cs_internal.h"

#include <stdlib.h>

static void type_row(sqlite3_stmt *st, cs_restype *t)
{
    cs__copy(t->name, sizeof(t->name), sqlite3_column_text(st, 0));
    cs__copy(t->display_name, sizeof(t->display_name), sqlite3_column_text(st, 1));
    cs__copy(t->dll_name, sizeof(t->dll_name), sqlite3_column_text(st, 2));
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    cs__vec *v = arg;
    sqlite3_stmt *st;
    cs_restype t;
    uint32_t err;
    int row;

    v->n = 0;
    if ((err = cs__prep(s, &st, "SELECT name, display_name, dll FROM restype ORDER BY name", "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        type_row(st, &t);
        if ((err = cs__vec_push(s, v, &t)))
            break;
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_restype_list(cs_store *s, cs_restype **arr, size_t *n)
{
    cs__vec v = { NULL, 0, 0, sizeof(cs_restype) };
    return cs__read_vec(s, list_fn, &v, &v, arr, n);
}

struct find_args { const char *name; cs_restype *out; };

static uint32_t find_fn(cs_store *s, void *arg)
{
    struct find_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT name, display_name, dll FROM restype WHERE name = ?", "t", a->name)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "resource type '%s' not found", a->name);
    if (!err)
        type_row(st, a->out);
    cs__done(s, st);
    return err;
}

uint32_t cs_restype_find(cs_store *s, const char *name, cs_restype *out)
{
    struct find_args a = { name, out };

    if (!name || !out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no type name or output");
    return cs__read(s, find_fn, &a);
}
