/* Private properties of resources: name -> (format, bytes), kept as the
 * values of the resource's Parameters key in the cluster registry. */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>

struct prop_args {
    const char *res, *name;
    uint32_t    format;
    const void *data;
    size_t      size;
    void      **out;
    uint32_t   *out_format;
    size_t     *out_size;
    cs_property **arr;
    size_t     *n;
};

static uint32_t set_fn(cs_store *s, void *arg)
{
    struct prop_args *a = arg;
    cs_resource r;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->res, &r)) ||
        (err = cs__exec(s, "INSERT OR REPLACE INTO regval VALUES(" CS__SQL_PARAMETERS("?1") ", ?2, "
                        CS__SQL_REGTYPE_OF_FORMAT("?3") ", ?4)", "ttib", r.id, a->name, (int64_t)a->format, a->data,
                        a->size)))
        return err;
    return cs__log(s, "property.set", r.id, "'%s' %s (%zu bytes)", r.name, a->name, a->size);
}

uint32_t cs_resource_set_property(cs_store *s, const char *res, const char *name, uint32_t format, const void *data,
                                  size_t size)
{
    struct prop_args a = { res, name, format, data, size, NULL, NULL, NULL, NULL, NULL };
    uint32_t err = cs__check_name(s, "property", name);

    if (err)
        return err;
    if (format < CS_PROP_BINARY || format > CS_PROP_LONG)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "bad property format %u", format);
    if ((err = cs__reg_check_data(s, cs__prop_reg_type(format), data, size)))
        return err;
    return cs__write(s, set_fn, &a);
}

static uint32_t get_fn(cs_store *s, void *arg)
{
    struct prop_args *a = arg;
    sqlite3_stmt *st;
    cs_resource r;
    uint32_t err;
    int row;

    if ((err = cs__res_lookup(s, a->res, &r)) ||
        (err = cs__prep(s, &st, "SELECT " CS__SQL_FORMAT_OF_REGTYPE("type") ", data FROM regval WHERE key = "
                        CS__SQL_PARAMETERS("?") " AND name = ?", "tt", r.id, a->name)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "resource '%s' has no property '%s'", r.name, a->name);
    if (!err) {
        size_t n = (size_t)sqlite3_column_bytes(st, 1);
        /* One spare NUL so SZ values can be used as C strings directly. */
        char *p = malloc(n + 1);
        if (!p)
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        else {
            if (n)
                memcpy(p, sqlite3_column_blob(st, 1), n);
            p[n] = 0;
            free(*a->out);
            *a->out = p;
            *a->out_size = n;
            *a->out_format = (uint32_t)sqlite3_column_int64(st, 0);
        }
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_resource_get_property(cs_store *s, const char *res, const char *name, uint32_t *format, void **data,
                                  size_t *size)
{
    struct prop_args a = { res, name, 0, NULL, 0, data, format, size, NULL, NULL };
    uint32_t err;

    if (!name || !format || !data || !size)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no property name or output");
    *data = NULL;
    err = cs__read(s, get_fn, &a);
    if (err) {
        free(*data);
        *data = NULL;
        *size = 0;
    }
    return err;
}

static uint32_t delete_fn(cs_store *s, void *arg)
{
    struct prop_args *a = arg;
    cs_resource r;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->res, &r)) ||
        (err = cs__exec(s, "DELETE FROM regval WHERE key = " CS__SQL_PARAMETERS("?") " AND name = ?", "tt", r.id, a->name)))
        return err;
    if (!sqlite3_changes(s->db))
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "resource '%s' has no property '%s'", r.name, a->name);
    return cs__log(s, "property.delete", r.id, "'%s' %s", r.name, a->name);
}

uint32_t cs_resource_delete_property(cs_store *s, const char *res, const char *name)
{
    struct prop_args a = { res, name, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL };

    if (!name)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no property name");
    return cs__write(s, delete_fn, &a);
}

/* The array and every value share one allocation so cs_free releases all;
 * each value is NUL-terminated and starts 8-aligned. */
static uint32_t list_fn(cs_store *s, void *arg)
{
    struct prop_args *a = arg;
    sqlite3_stmt *st;
    cs_resource r;
    uint32_t err;
    size_t count = 0, bytes = 0, i = 0;
    char *block, *data;
    int row;

    if ((err = cs__res_lookup(s, a->res, &r)) ||
        (err = cs__prep(s, &st, "SELECT count(*), ifnull(sum(length(data) + 8), 0) FROM regval WHERE key = "
                        CS__SQL_PARAMETERS("?"), "t",
                        r.id)))
        return err;
    err = cs__step(s, st, &row);
    count = (size_t)sqlite3_column_int64(st, 0);
    bytes = (size_t)sqlite3_column_int64(st, 1);
    cs__done(s, st);
    if (err)
        return err;
    block = malloc(count * sizeof(cs_property) + bytes + 1);
    if (!block)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    data = block + count * sizeof(cs_property);
    if ((err = cs__prep(s, &st, "SELECT name, " CS__SQL_FORMAT_OF_REGTYPE("type") ", data FROM regval WHERE key = "
                        CS__SQL_PARAMETERS("?") " ORDER BY name", "t", r.id))) {
        free(block);
        return err;
    }
    while (i < count && !(err = cs__step(s, st, &row)) && row) {
        cs_property *p = (cs_property *)block + i++;
        cs__copy(p->name, sizeof(p->name), sqlite3_column_text(st, 0));
        p->format = (uint32_t)sqlite3_column_int64(st, 1);
        p->size = (size_t)sqlite3_column_bytes(st, 2);
        if (p->size)
            memcpy(data, sqlite3_column_blob(st, 2), p->size);
        data[p->size] = 0;
        p->data = data;
        /* 8-aligned so a DWORD or ULARGE_INTEGER value can be read in place. */
        data += (p->size + 8) & ~(size_t)7;
    }
    cs__done(s, st);
    if (err) {
        free(block);
        return err;
    }
    free(*a->arr);
    *a->arr = (cs_property *)block;
    *a->n = i;
    return 0;
}

uint32_t cs_resource_list_properties(cs_store *s, const char *res, cs_property **arr, size_t *n)
{
    struct prop_args a = { res, NULL, 0, NULL, 0, NULL, NULL, NULL, arr, n };
    uint32_t err;

    if (!arr || !n)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    *arr = NULL;
    *n = 0;
    err = cs__read(s, list_fn, &a);
    if (err) {
        free(*arr);
        *arr = NULL;
        *n = 0;
    }
    return err;
}
