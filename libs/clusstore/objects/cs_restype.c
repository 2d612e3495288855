/* Resource types: the Server 2003 standard set the store is seeded with, and
 * those programs add. */
#include "cs_internal.h"

#include <stdio.h>
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

struct create_args {
    const char *name, *display, *dll;
    uint32_t    looks_alive, is_alive;
};

/* A type's poll intervals are its common properties: values of its key,
 * where the property codes read them (docs/cluster-registry.md). */
static uint32_t put_interval(cs_store *s, const char *type, const char *prop, uint32_t value)
{
    char key[CS_PATH_MAX];

    snprintf(key, sizeof(key), "ResourceTypes\\%s", type);
    return cs__exec(s, "INSERT OR REPLACE INTO regval VALUES(?, ?, ?, ?)", "ttib", key, prop, (int64_t)CS_REG_DWORD,
                    &value, sizeof(value));
}

static uint32_t create_fn(cs_store *s, void *arg)
{
    struct create_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT 1 FROM restype WHERE name = ?", "t", a->name)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_ALREADY_EXISTS, "resource type '%s' already exists", a->name);
    if (err || (err = cs__exec(s, "INSERT INTO restype VALUES(?, ?, ?)", "ttt", a->name, a->display, a->dll)) ||
        (err = put_interval(s, a->name, "LooksAlivePollInterval", a->looks_alive)) ||
        (err = put_interval(s, a->name, "IsAlivePollInterval", a->is_alive)))
        return err;
    return cs__log(s, "restype.create", a->name, "'%s' dll '%s' polls %u/%u ms", a->display, a->dll, a->looks_alive,
                   a->is_alive);
}

static uint32_t check_interval(cs_store *s, const char *prop, uint32_t value)
{
    size_t n;
    const cs_propdef *defs = cs_propdefs_common(CS_CLASS_RESTYPE, &n);
    uint32_t err = cs_propdef_check(cs_propdef_find(defs, n, prop), CS_PROP_DWORD, &value, sizeof(value));

    return err ? cs__fail(s, err, "%s %u is out of range", prop, value) : 0;
}

uint32_t cs_restype_create(cs_store *s, const char *name, const char *display_name, const char *dll,
                           uint32_t looks_alive, uint32_t is_alive)
{
    struct create_args a = { name, display_name, dll, looks_alive, is_alive };
    uint32_t err;

    if ((err = cs__check_name(s, "resource type", name)) ||
        (err = cs__check_name(s, "resource type display name", display_name)) ||
        (err = cs__check_name(s, "resource type dll", dll)) ||
        (err = check_interval(s, "LooksAlivePollInterval", looks_alive)) ||
        (err = check_interval(s, "IsAlivePollInterval", is_alive)))
        return err;
    return cs__write(s, create_fn, &a);
}

static uint32_t delete_fn(cs_store *s, void *arg)
{
    cs_restype t;
    struct find_args a = { arg, &t };
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = find_fn(s, &a)) ||
        (err = cs__prep(s, &st, "SELECT 1 FROM resource WHERE type = ? COLLATE NOCASE LIMIT 1", "t", t.name)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_DIR_NOT_EMPTY, "resources of type '%s' exist", t.name);
    /* The table's trigger takes the type's registry values with it. */
    if (err || (err = cs__exec(s, "DELETE FROM restype WHERE name = ?", "t", t.name)))
        return err;
    return cs__log(s, "restype.delete", t.name, "'%s'", t.display_name);
}

uint32_t cs_restype_delete(cs_store *s, const char *name)
{
    if (!name)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no type name");
    return cs__write(s, delete_fn, (void *)name);
}
