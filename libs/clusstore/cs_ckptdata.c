/* Captured checkpoint contents, streamed through sqlite3_blob so that a
 * large registry or crypto capture is never held whole in memory. */
#include "cs_internal.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

/* SQLite's default SQLITE_MAX_LENGTH: the largest value one row can hold. */
#define CS_BLOB_MAX 1000000000ull
#define CS_CHUNK    65536

struct data_args {
    const char *res, *key;
    int         kind;
    const void *data;
    uint64_t    size;
    cs_read_fn  rd;
    void       *ctx;
    void      **out;
    size_t     *out_size;
    char        res_id[CS_GUID_MAX];
    char        key_canon[CS_PATH_MAX];
};

/* Resolves resource and checkpoint, leaving the canonical key spelling. */
static uint32_t find_ckpt(cs_store *s, struct data_args *a)
{
    sqlite3_stmt *st;
    cs_resource r;
    uint32_t err;
    int row;

    if (a->kind != CS_CKPT_REGISTRY && a->kind != CS_CKPT_CRYPTO)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "checkpoint kind %d is neither registry nor crypto", a->kind);
    if ((err = cs__res_lookup(s, a->res, &r)) ||
        (err = cs__prep(s, &st, "SELECT key FROM checkpoint WHERE res = ? AND kind = ? AND key = ?", "tit", r.id,
                        (int64_t)a->kind, a->key)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "resource '%s' has no checkpoint '%s'", r.name, a->key);
    if (!err) {
        cs__copy(a->key_canon, sizeof(a->key_canon), sqlite3_column_text(st, 0));
        memcpy(a->res_id, r.id, sizeof(a->res_id));
    }
    cs__done(s, st);
    return err;
}

static uint32_t log_data(cs_store *s, struct data_args *a)
{
    return cs__log(s, a->kind == CS_CKPT_REGISTRY ? "checkpoint.registry.data" : "checkpoint.crypto.data", a->res_id,
                   "%s (%llu bytes)", a->key_canon, (unsigned long long)a->size);
}

static uint32_t set_fn(cs_store *s, void *arg)
{
    struct data_args *a = arg;
    unsigned char sha[32];
    unsigned int len = 0;
    uint32_t err;

    if (!EVP_Digest(a->data ? a->data : "", (size_t)a->size, sha, &len, EVP_sha256(), NULL) || len != sizeof(sha))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    if ((err = find_ckpt(s, a)) ||
        (err = cs__exec(s, "INSERT OR REPLACE INTO ckpt_data(res, kind, key, size, data, sha256)"
                           " VALUES(?, ?, ?, ?, ?, ?)", "titibb", a->res_id, (int64_t)a->kind, a->key_canon,
                        (int64_t)a->size, a->data, (size_t)a->size, sha, sizeof(sha))))
        return err;
    return log_data(s, a);
}

uint32_t cs_checkpoint_set_data(cs_store *s, const char *res, int kind, const char *key, const void *data, size_t size)
{
    struct data_args a;

    memset(&a, 0, sizeof(a));
    a.res = res;
    a.kind = kind;
    a.key = key;
    a.data = data;
    a.size = size;
    if (!key || (size && !data) || size > CS_BLOB_MAX)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no key, no data, or more than %llu bytes", CS_BLOB_MAX);
    return cs__write(s, set_fn, &a);
}

static uint32_t stream_fn(cs_store *s, void *arg)
{
    struct data_args *a = arg;
    sqlite3_blob *b = NULL;
    unsigned char *buf = NULL, sha[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    sqlite3_int64 rowid;
    uint64_t done = 0;
    EVP_MD_CTX *md;
    uint32_t err;
    int rc;

    if ((err = find_ckpt(s, a)) ||
        (err = cs__exec(s, "INSERT OR REPLACE INTO ckpt_data(res, kind, key, size, data) VALUES(?, ?, ?, ?, zeroblob(?))",
                        "titii", a->res_id, (int64_t)a->kind, a->key_canon, (int64_t)a->size, (int64_t)a->size)))
        return err;
    rowid = sqlite3_last_insert_rowid(s->db);
    if (!(md = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
        EVP_MD_CTX_free(md);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 context: out of memory");
    }
    rc = a->size ? sqlite3_blob_open(s->db, "main", "ckpt_data", "data", rowid, 1, &b) : SQLITE_OK;
    if (rc != SQLITE_OK)
        err = cs__sqlfail(s, rc, "open checkpoint contents");
    else if (a->size && !(buf = malloc(CS_CHUNK)))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    while (!err && done < a->size) {
        size_t want = a->size - done < CS_CHUNK ? (size_t)(a->size - done) : CS_CHUNK, got = 0;
        if ((err = a->rd(a->ctx, buf, want, &got)))
            break;
        if (!got || got > want) {
            err = cs__fail(s, CS_ERROR_INVALID_DATA, "checkpoint stream ended after %llu of %llu bytes",
                           (unsigned long long)done, (unsigned long long)a->size);
            break;
        }
        rc = sqlite3_blob_write(b, buf, (int)got, (int)done);
        if (rc != SQLITE_OK)
            err = cs__sqlfail(s, rc, "write checkpoint contents");
        else if (!EVP_DigestUpdate(md, buf, got))
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
        done += got;
    }
    free(buf);
    sqlite3_blob_close(b);
    if (!err && (!EVP_DigestFinal_ex(md, sha, &len) || len != 32))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    EVP_MD_CTX_free(md);
    if (!err)
        err = cs__exec(s, "UPDATE ckpt_data SET sha256 = ? WHERE rowid = ?", "bi", sha, (size_t)32, (int64_t)rowid);
    /* The reader cannot be rewound, so this transaction cannot be retried. */
    if (err == CS_RETRY)
        err = cs__fail(s, CS_ERROR_BUSY, "cluster database busy while writing a checkpoint");
    return err ? err : log_data(s, a);
}

uint32_t cs_checkpoint_write_stream(cs_store *s, const char *res, int kind, const char *key, uint64_t size,
                                    cs_read_fn rd, void *ctx)
{
    struct data_args a;

    memset(&a, 0, sizeof(a));
    a.res = res;
    a.kind = kind;
    a.key = key;
    a.size = size;
    a.rd = rd;
    a.ctx = ctx;
    if (!key || !rd || size > CS_BLOB_MAX)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no key or reader, or more than %llu bytes", CS_BLOB_MAX);
    return cs__write(s, stream_fn, &a);
}

static uint32_t get_fn(cs_store *s, void *arg)
{
    struct data_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = find_ckpt(s, a)) ||
        (err = cs__prep(s, &st, "SELECT data FROM ckpt_data WHERE res = ? AND kind = ? AND key = ?", "tit", a->res_id,
                        (int64_t)a->kind, a->key_canon)))
        return err;
    err = cs__step(s, st, &row);
    free(*a->out);
    *a->out = NULL;
    *a->out_size = 0;
    if (!err && row && sqlite3_column_bytes(st, 0) > 0) {
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        *a->out = malloc(n);
        if (!*a->out)
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory for %zu bytes", n);
        else {
            memcpy(*a->out, sqlite3_column_blob(st, 0), n);
            *a->out_size = n;
        }
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_checkpoint_get_data(cs_store *s, const char *res, int kind, const char *key, void **data, size_t *size)
{
    struct data_args a;
    uint32_t err;

    if (!key || !data || !size)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no key or output");
    memset(&a, 0, sizeof(a));
    a.res = res;
    a.kind = kind;
    a.key = key;
    a.out = data;
    a.out_size = size;
    *data = NULL;
    *size = 0;
    err = cs__read(s, get_fn, &a);
    if (err) {
        free(*data);
        *data = NULL;
        *size = 0;
    }
    return err;
}

uint32_t cs_snapshot_open_blob(cs_store *s, const cs_checkpoint *c, cs_blob **blob)
{
    sqlite3_blob *b;
    int rc;

    if (!c || !blob)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no checkpoint or output");
    *blob = NULL;
    if (!s->in_snapshot)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "internal: cs_snapshot_open_blob outside a snapshot");
    if (!c->data_row || !c->data_size)
        return 0;
    rc = sqlite3_blob_open(s->db, "main", "ckpt_data", "data", c->data_row, 0, &b);
    if (rc != SQLITE_OK)
        return cs__sqlfail_reading(s, rc, "open checkpoint contents");
    if ((uint64_t)(rc = sqlite3_blob_bytes(b)) != c->data_size) {
        sqlite3_blob_close(b);
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents of %s: size %d, listed %llu", c->key, rc,
                        (unsigned long long)c->data_size);
    }
    if (!(*blob = malloc(sizeof(**blob)))) {
        sqlite3_blob_close(b);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    }
    (*blob)->s = s;
    (*blob)->blob = b;
    (*blob)->size = c->data_size;
    return 0;
}

uint32_t cs_blob_read(cs_blob *b, uint64_t offset, void *buf, size_t n)
{
    uint32_t err;
    int rc;

    if (!b || (n && !buf))
        return CS_ERROR_INVALID_PARAMETER;
    if (offset > b->size || n > b->size - offset)
        return cs__fail(b->s, CS_ERROR_INVALID_PARAMETER, "read of %zu bytes at %llu past the end (%llu)", n,
                        (unsigned long long)offset, (unsigned long long)b->size);
    if (!n)
        return 0;
    rc = sqlite3_blob_read(b->blob, buf, (int)n, (int)offset);
    if (rc == SQLITE_OK)
        return 0;
    err = cs__sqlfail(b->s, rc, "read checkpoint contents");
    if (err == CS_RETRY)
        err = cs__fail(b->s, CS_ERROR_BUSY, "cluster database busy while reading a checkpoint");
    return err;
}

void cs_blob_close(cs_blob *b)
{
    if (!b)
        return;
    sqlite3_blob_close(b->blob);
    free(b);
}
