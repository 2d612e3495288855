/* Registry and crypto checkpoint lists of resources. */
#include "cs_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct ckpt_args { const char *res, *key; int kind; cs__vec v; };

static uint32_t check_key(cs_store *s, int kind, const char *key)
{
    const char *p, *q;
    uint32_t err;
    size_t i;

    if (kind != CS_CKPT_REGISTRY && kind != CS_CKPT_CRYPTO)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "checkpoint kind %d is neither registry nor crypto", kind);
    if (!key || !key[0] || key[0] == '\\')
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "checkpoint key is empty or starts with a backslash");
    if ((err = cs__check_text(s, "checkpoint key", key, 1, CS_PATH_MAX - 1)))
        return err;
    if (kind == CS_CKPT_CRYPTO) {
        /* "CSP type (decimal)\CSP name (may be empty)\container". */
        p = strchr(key, '\\');
        q = p ? strchr(p + 1, '\\') : NULL;
        for (i = 0; key + i < p; i++)
            if (!isdigit((unsigned char)key[i]))
                break;
        if (!p || !q || !q[1] || key + i != p)
            return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "crypto checkpoint '%s' is not Type\\Name\\Key", key);
    }
    return 0;
}

static uint32_t add_fn(cs_store *s, void *arg)
{
    struct ckpt_args *a = arg;
    sqlite3_stmt *st;
    cs_resource r;
    uint32_t err;
    int row;

    if ((err = cs__res_lookup(s, a->res, &r)) ||
        (err = cs__prep(s, &st, "SELECT 1 FROM checkpoint WHERE res = ? AND kind = ? AND key = ?", "tit", r.id,
                        (int64_t)a->kind, a->key)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_ALREADY_EXISTS, "resource '%s' already has checkpoint '%s'", r.name, a->key);
    if (err || (err = cs__exec(s, "INSERT INTO checkpoint VALUES(?, ?, ?, 1)", "tit", r.id, (int64_t)a->kind, a->key)))
        return err;
    return cs__log(s, a->kind == CS_CKPT_REGISTRY ? "checkpoint.registry.add" : "checkpoint.crypto.add", r.id, "%s",
                   a->key);
}

uint32_t cs_checkpoint_add(cs_store *s, const char *res, int kind, const char *key)
{
    struct ckpt_args a = { res, key, kind, { NULL, 0, 0, 0 } };
    uint32_t err = check_key(s, kind, key);

    return err ? err : cs__write(s, add_fn, &a);
}

static uint32_t delete_fn(cs_store *s, void *arg)
{
    struct ckpt_args *a = arg;
    cs_resource r;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->res, &r)) ||
        (err = cs__exec(s, "DELETE FROM checkpoint WHERE res = ? AND kind = ? AND key = ?", "tit", r.id,
                        (int64_t)a->kind, a->key)))
        return err;
    if (!sqlite3_changes(s->db))
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "resource '%s' has no checkpoint '%s'", r.name, a->key);
    if ((err = cs__exec(s, "DELETE FROM ckpt_data WHERE res = ? AND kind = ? AND key = ?", "tit", r.id,
                        (int64_t)a->kind, a->key)))
        return err;
    return cs__log(s, a->kind == CS_CKPT_REGISTRY ? "checkpoint.registry.delete" : "checkpoint.crypto.delete", r.id,
                   "%s", a->key);
}

uint32_t cs_checkpoint_delete(cs_store *s, const char *res, int kind, const char *key)
{
    struct ckpt_args a = { res, key, kind, { NULL, 0, 0, 0 } };

    if (kind != CS_CKPT_REGISTRY && kind != CS_CKPT_CRYPTO)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "checkpoint kind %d is neither registry nor crypto", kind);
    if (!key)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no checkpoint key");
    return cs__write(s, delete_fn, &a);
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    struct ckpt_args *a = arg;
    sqlite3_stmt *st;
    cs_checkpoint c;
    cs_resource r;
    uint32_t err;
    int row;

    a->v.n = 0;
    if (a->res && (err = cs__res_lookup(s, a->res, &r)))
        return err;
    if ((err = cs__prep(s, &st,
                        "SELECT k.kind, k.res, k.key, ifnull(d.size, 0), k.generation, d.sha256"
                        " FROM checkpoint k"
                        " LEFT JOIN ckpt_data d ON d.res = k.res AND d.kind = k.kind AND d.key = k.key"
                        " WHERE (?1 IS NULL OR k.res = ?1) AND (?2 = 0 OR k.kind = ?2)"
                        " ORDER BY k.res, k.kind, k.key",
                        "ni", a->res ? r.id : NULL, (int64_t)a->kind)))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        c.kind = sqlite3_column_int(st, 0);
        cs__copy(c.resource, sizeof(c.resource), sqlite3_column_text(st, 1));
        cs__copy(c.key, sizeof(c.key), sqlite3_column_text(st, 2));
        c.data_size = (uint64_t)sqlite3_column_int64(st, 3);
        c.generation = (uint64_t)sqlite3_column_int64(st, 4);
        c.has_sha256 = sqlite3_column_bytes(st, 5) == (int)sizeof(c.sha256);
        memset(c.sha256, 0, sizeof(c.sha256));
        if (c.has_sha256)
            memcpy(c.sha256, sqlite3_column_blob(st, 5), sizeof(c.sha256));
        if ((err = cs__vec_push(s, &a->v, &c)))
            break;
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_checkpoint_list(cs_store *s, const char *res, int kind, cs_checkpoint **arr, size_t *n)
{
    struct ckpt_args a = { res, NULL, kind, { NULL, 0, 0, sizeof(cs_checkpoint) } };

    if (!arr || !n || (kind != 0 && kind != CS_CKPT_REGISTRY && kind != CS_CKPT_CRYPTO))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output or bad checkpoint kind");
    return cs__read_vec(s, list_fn, &a, &a.v, arr, n);
}

uint32_t cs__ckpt_file_number(const char *res, int kind, const char *prev_res, int prev_kind, uint32_t prev)
{
    return prev_res && !strcmp(res, prev_res) && kind == prev_kind ? prev + 1 : 1;
}
