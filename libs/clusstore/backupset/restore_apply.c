/* The one write transaction of a restore: the database from the snapshot
 * file, and for every checkpoint the row naming its contents, committed
 * together or not at all.  The contents themselves are in the store's
 * files already (bk_verify staged those it lacked, cs__stage_commit named
 * them), so the transaction writes rows, not gigabytes.  The body may be
 * run again by the transaction runner (SQLITE_BUSY), so it starts its
 * counts from zero. */
#include "backup_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The most one checkpoint holds (cs_ckptdata.c). */
#define BK_CKPT_MAX 1000000000ull

struct apply {
    int                dfd;
    const bk_manifest *m;
    const char        *drive;
    const cs_node     *node;
    cs_restore_report *rep;
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

/* 1 in *same if the checkpoint's row names exactly e's contents already. */
static uint32_t current_row(cs_store *s, const bk_entry *e, const char *key, int *same)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *same = 0;
    if ((err = cs__prep(s, &st, "SELECT size, sha256 FROM ckpt_data WHERE res = ? AND kind = ? AND key = ?", "tit",
                        e->resource, (int64_t)e->kind, key)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && row)
        *same = (uint64_t)sqlite3_column_int64(st, 0) == e->size && sqlite3_column_bytes(st, 1) == (int)BK_SHA_LEN &&
                !memcmp(sqlite3_column_blob(st, 1), e->sha, BK_SHA_LEN);
    cs__done(s, st);
    return err;
}

static uint32_t put_ckpt(cs_store *s, struct apply *a, const bk_entry *e)
{
    char key[CS_PATH_MAX];
    uint32_t err;
    int same;

    if (e->size > BK_CKPT_MAX)
        return corrupt(s, "checkpoint file larger than the store takes:", e->path);
    if ((err = canonical_key(s, e, key)) || (err = current_row(s, e, key, &same)))
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
    return cs__ckpt_data_put(s, e->resource, e->kind, key, e->size, e->sha);
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

/* The restoring node is in the restored database, under its id. */
static uint32_t check_member(cs_store *s, const cs_node *node)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if (!node)
        return 0;
    if ((err = cs__prep(s, &st, "SELECT 1 FROM node WHERE id = ? AND name = ? COLLATE NOCASE", "it",
                        (int64_t)node->id, node->name)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_CLUSTER_NODE_NOT_MEMBER,
                       "the restoring node '%s' (id %u) is not a node of the backup set: restore as one of its nodes",
                       node->name, (unsigned)node->id);
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
    if (!err)
        err = check_member(s, a->node);
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

uint32_t bk_apply(cs_store *s, int dfd, const bk_manifest *m, const char *quorum_drive, const cs_node *node,
                  cs_restore_report *rep)
{
    struct apply a = { dfd, m, quorum_drive, node, rep };
    uint32_t err = cs__write(s, apply_fn, &a);

    if (!err)
        rep->log_seq = m->log_seq;
    return err;
}
