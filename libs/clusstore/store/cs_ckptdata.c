/* Captured checkpoint contents: written into the store's contents files
 * (cs_blobs.c) before the transaction that names them, read back from
 * there, and never held whole in memory on the way in or out. */
#include "cs_internal.h"
#include "fsio.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

/* The most one checkpoint holds (SQLite's default SQLITE_MAX_LENGTH, the
 * limit when contents were SQLite values; kept so both agree). */
#define CS_BLOB_MAX 1000000000ull

struct data_args {
    const char *res, *key;
    int         kind;
    uint32_t    owner;          /* a save: only while this node owns the resource (0: any) */
    uint64_t    size;
    unsigned char sha[CS_SHA_LEN];
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
    /* Checked in the transaction that names the contents: a move commits
     * before it or sees them, so a node that lost the resource never
     * writes its copy over the new owner's. */
    if (!err && a->owner && r.owner_node != a->owner)
        err = cs__fail(s, CS_ERROR_HOST_NODE_NOT_RESOURCE_OWNER, "resource '%s' is owned by node %u, not %u", r.name,
                       r.owner_node, a->owner);
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

uint32_t cs__ckpt_data_put(cs_store *s, const char *res, int kind, const char *key, uint64_t size,
                           const unsigned char sha[CS_SHA_LEN])
{
    /* An upsert, not INSERT OR REPLACE: REPLACE's delete would not fire
     * the trigger that lists the old contents for collection. */
    return cs__exec(s, "INSERT INTO ckpt_data(res, kind, key, size, sha256) VALUES(?, ?, ?, ?, ?)"
                       " ON CONFLICT(res, kind, key) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256",
                    "titib", res, (int64_t)kind, key, (int64_t)size, sha, (size_t)CS_SHA_LEN);
}

static uint32_t put_fn(cs_store *s, void *arg)
{
    struct data_args *a = arg;
    uint32_t err;

    if ((err = find_ckpt(s, a)) || (err = cs__ckpt_data_put(s, a->res_id, a->kind, a->key_canon, a->size, a->sha)))
        return err;
    return log_data(s, a);
}

uint32_t cs__read_mem(void *ctx, void *buf, size_t cap, size_t *got)
{
    cs__mem *m = ctx;

    *got = cap < m->left ? cap : m->left;
    memcpy(buf, m->p, *got);
    m->p += *got;
    m->left -= *got;
    return 0;
}

/* The contents into a file first, then the row that names them. */
static uint32_t put(cs_store *s, struct data_args *a, cs_read_fn rd, void *ctx, const unsigned char *known)
{
    cs_stage st;
    uint32_t err;

    if (a->kind != CS_CKPT_REGISTRY && a->kind != CS_CKPT_CRYPTO)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "checkpoint kind %d is neither registry nor crypto", a->kind);
    if (!s->db)
        return CS_ERROR_INVALID_HANDLE;
    cs__clear(s);
    if (s->in_snapshot)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "a snapshot is open on this store: end it before changing the cluster");
    if ((err = cs__stage_begin(s, &st)))
        return err;
    if (!(err = cs__stage_stream(s, &st, a->size, rd, ctx, known, a->sha)) && !(err = cs__stage_commit(s, &st, 0)))
        err = cs__write(s, put_fn, a);
    cs__stage_end(s, &st);
    return err;
}

/* Registry contents are kept only as a hive that keeps every rule
 * (docs/checkpoint-format.md): a WCREG1 stream, as the DLL captures a key,
 * becomes the hive of the same tree; anything else must walk.  So a restore
 * of a set with its manifest need not walk them again.  *made holds a
 * converted hive (NULL otherwise). */
static uint32_t registry_hive(cs_store *s, const char *key, const void **data, size_t *size, unsigned char **made)
{
    char why[160];
    size_t made_size;
    uint32_t err;

    err = cs_reghive_take(*data, *size, key, made, &made_size, why, sizeof(why));
    if (err == CS_ERROR_NOT_ENOUGH_MEMORY)
        return cs__fail(s, err, "out of memory for registry checkpoint '%s'", key);
    if (err)
        return cs__fail(s, err, "registry checkpoint '%s' is neither a hive nor a stream that becomes one: %s", key,
                        why);
    if (*made) {
        *data = *made;
        *size = made_size;
    }
    return 0;
}

uint32_t cs_checkpoint_save(cs_store *s, const char *res, int kind, const char *key, const void *data, size_t size,
                            uint32_t owner)
{
    struct data_args a;
    cs__mem m;
    unsigned int len = 0;
    unsigned char *made = NULL;
    uint32_t err;

    if (!s)
        return CS_ERROR_INVALID_PARAMETER;
    memset(&a, 0, sizeof(a));
    a.res = res;
    a.kind = kind;
    a.key = key;
    a.owner = owner;
    if (!key || (size && !data) || size > CS_BLOB_MAX)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no key, no data, or more than %llu bytes", CS_BLOB_MAX);
    if (kind == CS_CKPT_REGISTRY && size && (err = registry_hive(s, key, &data, &size, &made)))
        return err;
    a.size = size;
    m.p = data;
    m.left = size;
    /* Known beforehand, so contents the store has already are not written. */
    if (!EVP_Digest(data ? data : "", size, a.sha, &len, EVP_sha256(), NULL) || len != CS_SHA_LEN)
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    else
        err = put(s, &a, cs__read_mem, &m, a.sha);
    free(made);
    return err;
}

uint32_t cs_checkpoint_set_data(cs_store *s, const char *res, int kind, const char *key, const void *data, size_t size)
{
    return cs_checkpoint_save(s, res, kind, key, data, size, 0);
}

/* n bytes from rd, which must have them. */
static uint32_t read_all(cs_store *s, cs_read_fn rd, void *ctx, unsigned char *buf, size_t n)
{
    size_t got;
    uint32_t err;

    while (n) {
        got = 0;
        if ((err = rd(ctx, buf, n, &got)))
            return err;
        if (!got)
            return cs__fail(s, CS_ERROR_INVALID_DATA, "checkpoint contents ended early");
        buf += got;
        n -= got;
    }
    return 0;
}

uint32_t cs_checkpoint_write_stream(cs_store *s, const char *res, int kind, const char *key, uint64_t size,
                                    cs_read_fn rd, void *ctx)
{
    struct data_args a;
    unsigned char *all;
    uint32_t err;

    if (!s)
        return CS_ERROR_INVALID_PARAMETER;
    memset(&a, 0, sizeof(a));
    a.res = res;
    a.kind = kind;
    a.key = key;
    a.size = size;
    if (!key || !rd || size > CS_BLOB_MAX)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no key or reader, or more than %llu bytes", CS_BLOB_MAX);
    if (kind != CS_CKPT_REGISTRY || !size)
        return put(s, &a, rd, ctx, NULL);
    /* Registry contents are checked or converted whole (hivex holds a hive
     * whole anyway). */
    if (!(all = malloc((size_t)size)))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory for %llu bytes", (unsigned long long)size);
    if (!(err = read_all(s, rd, ctx, all, (size_t)size)))
        err = cs_checkpoint_set_data(s, res, kind, key, all, (size_t)size);
    free(all);
    return err;
}

/* What is read for a node to apply must be what was taken: a contents file
 * damaged in place keeps its size, so only its digest tells.  (A backup
 * reads contents by row through cs_snapshot_open_blob and its writer thread
 * hashes them already; this is the one other reader.) */
uint32_t cs__ckpt_read(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size, const char *key, void **out)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    size_t done = 0, got;
    uint32_t err;
    int fd, e;

    *out = NULL;
    if ((err = cs__blob_open(s, sha, size, &fd)))
        return err;
    if (!(*out = malloc((size_t)size)))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory for %llu bytes", (unsigned long long)size);
    while (!err && done < size) {
        if ((e = fsio_read(fd, (char *)*out + done, (size_t)size - done, &got)))
            err = cs__fail(s, fsio_winerr(e, 0), "cannot read checkpoint contents of '%s': %s", key, strerror(e));
        else if (!got)
            err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents of '%s' ended early", key);
        done += got;
    }
    fsio_close(fd);
    if (!err && (!EVP_Digest(*out, (size_t)size, md, &len, EVP_sha256(), NULL) || len != CS_SHA_LEN))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    else if (!err && memcmp(md, sha, CS_SHA_LEN))
        err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents of '%s' are damaged: their SHA-256 is not the "
                       "one stored", key);
    if (err) {
        free(*out);
        *out = NULL;
    }
    return err;
}

static uint32_t get_fn(cs_store *s, void *arg)
{
    struct data_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = find_ckpt(s, a)) ||
        (err = cs__prep(s, &st, "SELECT size, sha256 FROM ckpt_data WHERE res = ? AND kind = ? AND key = ?", "tit",
                        a->res_id, (int64_t)a->kind, a->key_canon)))
        return err;
    err = cs__step(s, st, &row);
    free(*a->out);
    *a->out = NULL;
    *a->out_size = 0;
    if (!err && row && sqlite3_column_int64(st, 0) > 0) {
        a->size = (uint64_t)sqlite3_column_int64(st, 0);
        if (sqlite3_column_bytes(st, 1) != CS_SHA_LEN || a->size > CS_BLOB_MAX)
            err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint '%s': contents row damaged", a->key_canon);
        else if (!(err = cs__ckpt_read(s, sqlite3_column_blob(st, 1), a->size, a->key_canon, a->out)))
            *a->out_size = (size_t)a->size;
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
    uint32_t err;
    int fd;

    if (!c || !blob)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no checkpoint or output");
    *blob = NULL;
    if (!s->in_snapshot)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "internal: cs_snapshot_open_blob outside a snapshot");
    if (!c->has_sha256 || !c->data_size)
        return 0;
    if ((err = cs__blob_open(s, c->sha256, c->data_size, &fd)))
        return err;
    if (!(*blob = malloc(sizeof(**blob)))) {
        fsio_close(fd);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    }
    (*blob)->s = s;
    (*blob)->fd = fd;
    (*blob)->size = c->data_size;
    return 0;
}

uint32_t cs_blob_read(cs_blob *b, uint64_t offset, void *buf, size_t n)
{
    size_t got;
    int e;

    if (!b || (n && !buf))
        return CS_ERROR_INVALID_PARAMETER;
    if (offset > b->size || n > b->size - offset)
        return cs__fail(b->s, CS_ERROR_INVALID_PARAMETER, "read of %zu bytes at %llu past the end (%llu)", n,
                        (unsigned long long)offset, (unsigned long long)b->size);
    while (n) {
        if ((e = fsio_pread(b->fd, buf, n, offset, &got)))
            return cs__fail(b->s, fsio_winerr(e, 0), "cannot read checkpoint contents: %s", strerror(e));
        if (!got)
            return cs__fail(b->s, CS_ERROR_FILE_CORRUPT, "checkpoint contents ended early");
        buf = (char *)buf + got;
        offset += got;
        n -= got;
    }
    return 0;
}

void cs_blob_close(cs_blob *b)
{
    if (!b)
        return;
    fsio_close(b->fd);
    free(b);
}
