/* Cluster registry keys: opening, creating, deleting, listing them, and
 * their security (docs/cluster-registry.md). */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Keys made through the registry directly below key (not the root). */
#define CHILDREN_WHERE "path > ?1 || '\\' AND path < ?1 || ']' AND instr(substr(path, length(?1) + 2), '\\') = 0"

struct key_args {
    const char  *path;
    cs__regpath *p;
    int         *created;
    const void  *sd;
    size_t       size;
    void       **out;
    cs__vec      v;
};

static uint32_t open_fn(cs_store *s, void *arg)
{
    struct key_args *a = arg;
    uint32_t err = cs__reg_resolve(s, a->path, a->p, 0);

    if (!err && !a->p->exists)
        err = cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no registry key %s", a->p->path);
    return err;
}

uint32_t cs_reg_open_key(cs_store *s, const char *path, char *canon, size_t canon_size)
{
    cs__regpath p;
    struct key_args a = { path, &p, NULL, NULL, 0, NULL, { NULL, 0, 0, 0 } };
    uint32_t err = cs__read(s, open_fn, &a);

    if (!err && canon && canon_size)
        cs__copy(canon, canon_size, (const unsigned char *)p.path);
    return err;
}

static uint32_t create_fn(cs_store *s, void *arg)
{
    struct key_args *a = arg;
    uint32_t err = cs__reg_resolve(s, a->path, a->p, 1);

    if (err || !a->p->created)
        return err;
    *a->created = 1;
    return cs__log(s, "registry.key.create", a->p->object, "%s", a->p->path);
}

uint32_t cs_reg_create_key(cs_store *s, const char *path, int *created, char *canon, size_t canon_size)
{
    cs__regpath p;
    int made = 0;
    struct key_args a = { path, &p, &made, NULL, 0, NULL, { NULL, 0, 0, 0 } };
    uint32_t err;

    if (!path || !*path)
        return cs_reg_open_key(s, path, canon, canon_size);
    err = cs__write(s, create_fn, &a);
    if (!err && created)
        *created = made;
    if (!err && canon && canon_size)
        cs__copy(canon, canon_size, (const unsigned char *)p.path);
    return err;
}

static uint32_t delete_fn(cs_store *s, void *arg)
{
    struct key_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = open_fn(s, arg)))
        return err;
    if (a->p->kind != CS__REG_STORED)
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "registry key %s is made by the cluster", a->p->path);
    if ((err = cs__prep(s, &st, "SELECT 1 FROM regkey WHERE path > ?1 || '\\' AND path < ?1 || ']'", "t",
                        a->p->path)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_ACCESS_DENIED, "registry key %s has subkeys", a->p->path);
    if (err || (err = cs__exec(s, "DELETE FROM regval WHERE key = ?", "t", a->p->path)) ||
        (err = cs__exec(s, "DELETE FROM regkey WHERE path = ?", "t", a->p->path)))
        return err;
    return cs__log(s, "registry.key.delete", a->p->object, "%s", a->p->path);
}

uint32_t cs_reg_delete_key(cs_store *s, const char *path)
{
    cs__regpath p;
    struct key_args a = { path, &p, NULL, NULL, 0, NULL, { NULL, 0, 0, 0 } };

    return cs__write(s, delete_fn, &a);
}

static uint32_t push_rows(cs_store *s, cs__vec *v, const char *sql, const char *arg, const cs__regpath *p)
{
    cs_regkey_name k;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = arg ? cs__prep(s, &st, sql, "t", arg) : cs__prep(s, &st, sql, "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        cs__copy(k.name, sizeof(k.name), sqlite3_column_text(st, 0));
        /* A row that only keeps the security of a key the cluster makes. */
        if ((p->kind == CS__REG_ROOT && (!k.name[0] || cs__reg_class_of(k.name) >= 0)) ||
            (p->kind == CS__REG_OBJECT && p->cls == CS__CLS_RESOURCES && !strcasecmp(k.name, "Parameters")))
            continue;
        if ((err = cs__vec_push(s, v, &k)))
            break;
    }
    cs__done(s, st);
    return err;
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    static const char *const objects[CS__CLS_COUNT] = {
        [CS__CLS_GROUPS] = "SELECT id FROM grp ORDER BY id",
        [CS__CLS_RESOURCES] = "SELECT id FROM resource ORDER BY id",
        [CS__CLS_TYPES] = "SELECT name FROM restype ORDER BY name",
        [CS__CLS_NODES] = "SELECT id FROM node ORDER BY id",
    };
    struct key_args *a = arg;
    cs_regkey_name k;
    uint32_t err;
    int i;

    a->v.n = 0;
    if ((err = open_fn(s, arg)))
        return err;
    switch (a->p->kind) {
    case CS__REG_ROOT:
        for (i = 0; i < CS__CLS_COUNT; i++) {
            cs__copy(k.name, sizeof(k.name), (const unsigned char *)cs__reg_class_name(i));
            if ((err = cs__vec_push(s, &a->v, &k)))
                return err;
        }
        return push_rows(s, &a->v, "SELECT path FROM regkey WHERE instr(path, '\\') = 0 ORDER BY path", NULL, a->p);
    case CS__REG_CLASS:
        return objects[a->p->cls] ? push_rows(s, &a->v, objects[a->p->cls], NULL, a->p) : 0;
    case CS__REG_OBJECT:
        if (a->p->cls == CS__CLS_RESOURCES) {
            cs__copy(k.name, sizeof(k.name), (const unsigned char *)"Parameters");
            if ((err = cs__vec_push(s, &a->v, &k)))
                return err;
        }
        /* fall through */
    default:
        return push_rows(s, &a->v,
                         "SELECT substr(path, length(?1) + 2) FROM regkey WHERE " CHILDREN_WHERE " ORDER BY path",
                         a->p->path, a->p);
    }
}

uint32_t cs_reg_list_keys(cs_store *s, const char *path, cs_regkey_name **arr, size_t *n)
{
    cs__regpath p;
    struct key_args a = { path, &p, NULL, NULL, 0, NULL, { NULL, 0, 0, sizeof(cs_regkey_name) } };

    return cs__read_vec(s, list_fn, &a, &a.v, arr, n);
}

uint32_t cs_reg_query_info(cs_store *s, const char *path, cs_reginfo *out)
{
    cs_regkey_name *keys = NULL;
    cs_regval *vals = NULL;
    size_t nk = 0, nv = 0, i, size = 0;
    void *sd = NULL;
    uint32_t err;

    if (!out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    memset(out, 0, sizeof(*out));
    if ((err = cs_reg_list_keys(s, path, &keys, &nk)) || (err = cs_reg_list_values(s, path, &vals, &nv)) ||
        (err = cs_reg_get_security(s, path, &sd, &size))) {
        free(keys);
        free(vals);
        return err;
    }
    out->subkeys = (uint32_t)nk;
    out->values = (uint32_t)nv;
    for (i = 0; i < nk; i++)
        if (strlen(keys[i].name) > out->max_subkey_len)
            out->max_subkey_len = strlen(keys[i].name);
    for (i = 0; i < nv; i++) {
        if (strlen(vals[i].name) > out->max_value_name_len)
            out->max_value_name_len = strlen(vals[i].name);
        if (vals[i].size > out->max_value_len)
            out->max_value_len = vals[i].size;
    }
    out->security_size = size;
    free(keys);
    free(vals);
    free(sd);
    return 0;
}

static uint32_t get_security_fn(cs_store *s, void *arg)
{
    struct key_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = open_fn(s, arg)) ||
        (err = cs__prep(s, &st, "SELECT security FROM regkey WHERE path = ? AND length(security) > 0", "t",
                        a->p->path)))
        return err;
    err = cs__step(s, st, &row);
    free(*a->out);
    *a->out = NULL;
    a->size = 0;
    if (!err && row) {
        a->size = (size_t)sqlite3_column_bytes(st, 0);
        if (!(*a->out = malloc(a->size)))
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        else
            memcpy(*a->out, sqlite3_column_blob(st, 0), a->size);
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_reg_get_security(cs_store *s, const char *path, void **sd, size_t *size)
{
    cs__regpath p;
    struct key_args a = { path, &p, NULL, NULL, 0, sd, { NULL, 0, 0, 0 } };
    uint32_t err;

    if (!sd || !size)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    *sd = NULL;
    err = cs__read(s, get_security_fn, &a);
    *size = err ? 0 : a.size;
    if (err) {
        free(*sd);
        *sd = NULL;
    }
    return err;
}

static uint32_t set_security_fn(cs_store *s, void *arg)
{
    struct key_args *a = arg;
    uint32_t err;

    if ((err = open_fn(s, arg)) ||
        (err = cs__exec(s,
                        "INSERT INTO regkey VALUES(?1, ?2) ON CONFLICT(path) DO UPDATE SET security = excluded.security",
                        "tb", a->p->path, a->sd, a->size)))
        return err;
    return cs__log(s, "registry.security.set", a->p->object, "%s (%zu bytes)", a->p->path, a->size);
}

uint32_t cs_reg_set_security(cs_store *s, const char *path, const void *sd, size_t size)
{
    cs__regpath p;
    struct key_args a = { path, &p, NULL, sd, size, NULL, { NULL, 0, 0, 0 } };

    if (!sd || !size || size > 65536)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no security descriptor, or one over 64 KiB");
    return cs__write(s, set_security_fn, &a);
}
