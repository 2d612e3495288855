/* The one write transaction of a restore: the database from the snapshot
 * file and every checkpoint's contents from its .CPT/.CPR file, committed
 * together or not at all.  Contents the store already holds, by the SHA-256
 * it keeps for them, are left as they are; the others are written over,
 * and each such file is hashed again as it streams in, so a file changed
 * since bk_verify rolls the whole restore back.  The body may be run again
 * by the transaction runner (SQLITE_BUSY), so it opens everything itself
 * and starts its counts from zero. */
#include "backup_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* SQLite blob offsets are ints; the store never holds more per checkpoint. */
#define BK_CKPT_MAX 1000000000ull
/* Contents up to this size are read whole and inserted with their row. */
#define BK_INLINE_MAX (1024 * 1024)

struct apply {
    int                dfd;
    const bk_manifest *m;
    const char        *drive;
    cs_restore_report *rep;
    unsigned char     *buf;
};

static uint32_t corrupt(cs_store *s, const char *what, const char *name)
{
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup set is damaged: %s %s", what, name);
}

/* The runner may only retry while nothing irreversible was read. */
static uint32_t no_retry(cs_store *s, uint32_t err)
{
    return err == CS_RETRY ? cs__fail(s, CS_ERROR_BUSY, "cluster database busy during restore") : err;
}

static uint32_t load_db(cs_store *s, struct apply *a, const bk_entry *e)
{
    uint32_t err;
    bk_in in;
    int fd;

    if ((err = bk_open_entry(s, a->dfd, e, &fd)))
        return err;
    if ((err = bk_in_init(&in, s, e, fd, 1))) {
        fsio_close(fd);
        return err;
    }
    err = cs__load_in_txn(s, bk_in_reader, &in, 0);
    if (err) {
        bk_in_close(&in);
        return err;
    }
    return bk_in_finish(&in);
}

/* The checkpoint row the restored snapshot holds for e, spelled as stored. */
static uint32_t canonical_key(cs_store *s, const bk_entry *e, char key[CS_PATH_MAX])
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT key FROM checkpoint WHERE res = ? AND kind = ? AND key = ?", "tit",
                        e->resource, (int64_t)e->kind, e->key)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = corrupt(s, "the snapshot has no checkpoint for", e->path);
    if (!err)
        cs__copy(key, CS_PATH_MAX, sqlite3_column_text(st, 0));
    cs__done(s, st);
    return err;
}

/* The row holding e's contents now: 0, or its rowid and whether it already
 * holds exactly e's bytes (same size and stored digest). */
static uint32_t current_row(cs_store *s, const bk_entry *e, const char *key, sqlite3_int64 *rowid, uint64_t *size,
                            int *same)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *rowid = 0;
    *same = 0;
    if ((err = cs__prep(s, &st, "SELECT rowid, size, sha256 FROM ckpt_data WHERE res = ? AND kind = ? AND key = ?",
                        "tit", e->resource, (int64_t)e->kind, key)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && row) {
        *rowid = sqlite3_column_int64(st, 0);
        *size = (uint64_t)sqlite3_column_int64(st, 1);
        *same = *size == e->size && sqlite3_column_bytes(st, 2) == (int)BK_SHA_LEN &&
                !memcmp(sqlite3_column_blob(st, 2), e->sha, BK_SHA_LEN);
    }
    cs__done(s, st);
    return err;
}

static uint32_t stream_into(cs_store *s, struct apply *a, bk_in *in, sqlite3_int64 rowid)
{
    sqlite3_blob *b = NULL;
    uint64_t done = 0;
    uint32_t err = 0;
    size_t got;
    int rc;

    rc = sqlite3_blob_open(s->db, "main", "ckpt_data", "data", rowid, 1, &b);
    if (rc != SQLITE_OK)
        return cs__sqlfail(s, rc, "open checkpoint contents");
    while (!err && done < in->e->size) {
        err = bk_in_reader(in, a->buf, BK_CHUNK, &got);
        if (err)
            break;
        rc = sqlite3_blob_write(b, a->buf, (int)got, (int)done);
        if (rc != SQLITE_OK)
            err = cs__sqlfail(s, rc, "write checkpoint contents");
        done += got;
    }
    sqlite3_blob_close(b);
    return err;
}

/* The whole file, checked, into a->buf (e->size <= BK_INLINE_MAX). */
static uint32_t read_whole(bk_in *in, struct apply *a)
{
    uint64_t done = 0;
    uint32_t err = 0;
    size_t got;

    while (!err && done < in->e->size) {
        err = bk_in_reader(in, a->buf + done, (size_t)(in->e->size - done), &got);
        done += got;
    }
    if (err) {
        bk_in_close(in);
        return err;
    }
    return bk_in_finish(in);
}

static uint32_t put_ckpt(cs_store *s, struct apply *a, const bk_entry *e)
{
    char key[CS_PATH_MAX];
    sqlite3_int64 rowid;
    uint64_t size = 0;
    uint32_t err;
    bk_in in;
    int fd, same, inline_ = e->size <= BK_INLINE_MAX;

    if (e->size > BK_CKPT_MAX)
        return corrupt(s, "checkpoint file larger than the store takes:", e->path);
    if ((err = canonical_key(s, e, key)) || (err = current_row(s, e, key, &rowid, &size, &same)))
        return err;
    if (e->kind == CS_CKPT_CRYPTO)
        a->rep->crypto_checkpoints++;
    else
        a->rep->registry_checkpoints++;
    a->rep->checkpoint_bytes += e->size;
    if (same) {
        a->rep->unchanged_checkpoints++;
        return 0;
    }
    if ((err = bk_open_entry(s, a->dfd, e, &fd)))
        return err;
    if ((err = bk_in_init(&in, s, e, fd, 1))) {
        fsio_close(fd);
        return err;
    }
    /* Small contents go in with the row, so each page is written once;
     * larger ones stream in over a zeroed value, or over the old contents
     * when the size is the same (sparing freeing and allocating every page),
     * and are never held whole. */
    if (inline_ && (err = read_whole(&in, a)))
        return err;
    if (inline_)
        err = cs__exec(s, "INSERT OR REPLACE INTO ckpt_data(res, kind, key, size, data, sha256) VALUES(?, ?, ?, ?, ?, ?)",
                       "titibb", e->resource, (int64_t)e->kind, key, (int64_t)e->size, a->buf, (size_t)e->size, e->sha,
                       (size_t)BK_SHA_LEN);
    else if (rowid && size == e->size)
        err = cs__exec(s, "UPDATE ckpt_data SET sha256 = ? WHERE rowid = ?", "bi", e->sha, (size_t)BK_SHA_LEN,
                       (int64_t)rowid);
    else {
        err = cs__exec(s, "INSERT OR REPLACE INTO ckpt_data(res, kind, key, size, data, sha256)"
                          " VALUES(?, ?, ?, ?, zeroblob(?), ?)", "titiib", e->resource, (int64_t)e->kind, key,
                       (int64_t)e->size, (int64_t)e->size, e->sha, (size_t)BK_SHA_LEN);
        rowid = sqlite3_last_insert_rowid(s->db);
    }
    if (inline_ || err) {
        bk_in_close(&in);
        return err;
    }
    if ((err = stream_into(s, a, &in, rowid))) {
        bk_in_close(&in);
        return err;
    }
    return bk_in_finish(&in);
}

static uint32_t count_ckpts(cs_store *s, size_t want)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT count(*) FROM checkpoint", "")))
        return err;
    err = cs__step(s, st, &row);
    if (!err && (uint64_t)sqlite3_column_int64(st, 0) != want)
        err = corrupt(s, "the snapshot lists checkpoints without a file:", "(count differs)");
    cs__done(s, st);
    return err;
}

static uint32_t set_drive(cs_store *s, struct apply *a)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if (a->drive) {
        if (!a->m->quorum_path[0] || a->m->quorum_path[1] != ':' || !isalpha((unsigned char)a->m->quorum_path[0]))
            return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "the backup's quorum path '%s' has no drive letter to replace",
                            a->m->quorum_path);
        if ((err = cs__exec(s, "UPDATE cluster SET quorum_path = upper(substr(?, 1, 1)) || substr(quorum_path, 2)", "t", a->drive)))
            return err;
    }
    if ((err = cs__prep(s, &st, "SELECT quorum_path FROM cluster", "")))
        return err;
    err = cs__step(s, st, &row);
    if (!err && row)
        cs__copy(a->rep->quorum_path, sizeof(a->rep->quorum_path), sqlite3_column_text(st, 0));
    cs__done(s, st);
    return err;
}

static uint32_t apply_fn(cs_store *s, void *arg)
{
    struct apply *a = arg;
    size_t i, nck = 0;
    uint32_t err = 0;

    a->rep->registry_checkpoints = a->rep->crypto_checkpoints = a->rep->unchanged_checkpoints = 0;
    a->rep->checkpoint_bytes = 0;
    for (i = 0; i < a->m->n; i++) {
        if (!a->m->entries[i].kind && strcmp(a->m->entries[i].path, CS_BACKUP_LOG)) {
            err = load_db(s, a, &a->m->entries[i]);
            break;
        }
    }
    if (err)
        return no_retry(s, err);
    /* The load dropped the contents of checkpoints the set does not list;
     * every one it lists gets the set's contents below (the manifest names
     * each at most once, and count_ckpts finds any left without a file). */
    for (i = 0; !err && i < a->m->n; i++) {
        if (a->m->entries[i].kind) {
            nck++;
            err = put_ckpt(s, a, &a->m->entries[i]);
        }
    }
    if (!err)
        err = count_ckpts(s, nck);
    if (!err)
        err = set_drive(s, a);
    return no_retry(s, err);
}

uint32_t bk_apply(cs_store *s, int dfd, const bk_manifest *m, const char *quorum_drive, cs_restore_report *rep)
{
    struct apply a = { dfd, m, quorum_drive, rep, malloc(BK_INLINE_MAX) };
    uint32_t err;

    if (!a.buf)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    err = cs__write(s, apply_fn, &a);
    free(a.buf);
    if (!err)
        rep->log_seq = m->log_seq;
    return err;
}
