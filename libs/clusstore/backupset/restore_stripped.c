/* A set without wineclus.sum, as a backup program that copies only the
 * files Windows documents (chk????.tmp, quolog.log, <GUID>\*.CPT, *.CPR,
 * Clusbackup.dat) brings it back.  What the manifest would have said comes
 * from the snapshot: the cluster, and which key each checkpoint file holds
 * (the files are numbered in the snapshot's checkpoint order).  No digest
 * is known beforehand: each is learnt as its file is read. */
#include "backup_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static uint32_t corrupt(cs_store *s, const char *what, const char *name)
{
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup set is damaged: %s %s", what, name);
}

/* An entry for a file found, with the size it has now. */
static uint32_t entry_of(cs_store *s, int dfd, const bk_found *f, bk_entry *e)
{
    struct stat st;
    int x;

    memset(e, 0, sizeof(*e));
    snprintf(e->path, sizeof(e->path), "%s", f->path);
    snprintf(e->disk, sizeof(e->disk), "%s", f->disk);
    e->kind = f->kind;
    if ((x = fsio_fstatat(dfd, f->disk, &st)))
        return x == ENOENT ? corrupt(s, "missing file", f->disk) : bk_ioerr(s, x, 0, "inspect", f->disk);
    if (!S_ISREG(st.st_mode))
        return corrupt(s, "not a file:", f->disk);
    e->size = (uint64_t)st.st_size;
    return 0;
}

static uint32_t find_chk(cs_store *s, const bk_listing *l, const bk_found **chk, const bk_found **log)
{
    size_t i;

    *chk = *log = NULL;
    for (i = 0; i < l->n; i++) {
        if (l->f[i].kind)
            continue;
        if (!strcmp(l->f[i].path, CS_BACKUP_LOG))
            *log = &l->f[i];
        else if (*chk)
            return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup set is damaged: two snapshots, %s and %s",
                            (*chk)->disk, l->f[i].disk);
        else
            *chk = &l->f[i];
    }
    if (!*chk)
        return corrupt(s, "no snapshot:", "chk????.tmp is missing");
    return *log ? 0 : corrupt(s, "missing file", CS_BACKUP_LOG);
}

static int by_checkpoint(const void *a, const void *b)
{
    const cs__listed *x = a, *y = b;
    int c = strcmp(x->res, y->res);

    return c ? c : x->kind != y->kind ? x->kind - y->kind : strcmp(x->key, y->key);
}

/* The number of checkpoint i's file: as the snapshot listed it (a set
 * Windows wrote, sorted as the checkpoints are), else by the rule. */
static uint32_t file_number(const bk_chk_info *info, size_t i, uint32_t prev)
{
    const cs_checkpoint *c = &info->ckpts[i];

    if (info->nlisted)
        return info->listed[i].number;
    return cs__ckpt_file_number(c->resource, c->kind, i ? c[-1].resource : NULL, i ? c[-1].kind : 0, prev);
}

/* The checkpoint files are exactly those of the snapshot's checkpoints. */
static uint32_t add_ckpts(cs_store *s, int dfd, const bk_listing *l, const bk_chk_info *info, bk_manifest *m)
{
    char name[16], path[BK_REL_MAX];
    unsigned char *used = calloc(l->n ? l->n : 1, 1);
    uint32_t err = 0, index = 0;
    bk_found *f;
    bk_entry e;
    size_t i;

    if (!used)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    /* The loader made exactly one checkpoint of each listed value. */
    if (info->nlisted)
        qsort(info->listed, info->nlisted, sizeof(*info->listed), by_checkpoint);
    if (info->nlisted && info->nlisted != info->nckpts)
        err = corrupt(s, "snapshot whose checkpoints are not those it lists:", "RegSync");
    for (i = 0; !err && i < info->nckpts; i++) {
        const cs_checkpoint *c = &info->ckpts[i];
        index = file_number(info, i, index);
        bk_ckpt_name(index, c->kind, name);
        snprintf(path, sizeof(path), "%s/%s", c->resource, name);
        if (!(f = bk_listing_find(l, path))) {
            err = cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT,
                           "backup set is damaged: missing file %s (checkpoint %s of the snapshot)", path, c->key);
            break;
        }
        used[f - l->f] = 1;
        if (!(err = entry_of(s, dfd, f, &e))) {
            snprintf(e.resource, sizeof(e.resource), "%s", c->resource);
            snprintf(e.key, sizeof(e.key), "%s", c->key);
            err = bk_manifest_add(s, m, &e);
        }
    }
    for (i = 0; !err && i < l->n; i++)
        if (l->f[i].kind && !used[i])
            err = corrupt(s, "file of no checkpoint of the snapshot:", l->f[i].disk);
    free(used);
    return err;
}

uint32_t bk_stripped_manifest(cs_store *s, int dfd, const bk_listing *l, bk_manifest *m)
{
    const bk_found *chk, *log;
    bk_chk_info info;
    char want[16];
    bk_entry e;
    uint32_t err;

    memset(m, 0, sizeof(*m));
    m->stripped = 1;
    if ((err = find_chk(s, l, &chk, &log)) || (err = entry_of(s, dfd, chk, &e)))
        return err;
    if ((err = bk_chk_read(s, dfd, &e, &info)))
        return err;
    bk_chk_name(info.cluster.log_seq, want);
    if (strcmp(want, e.path))
        err = cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT,
                       "backup set is damaged: %s holds log sequence %llu, which names it %s", chk->disk,
                       (unsigned long long)info.cluster.log_seq, want);
    if (!err) {
        m->log_seq = info.cluster.log_seq;
        m->checkpoint_seq = info.cluster.checkpoint_seq;
        snprintf(m->cluster_id, sizeof(m->cluster_id), "%s", info.cluster.id);
        snprintf(m->cluster_name, sizeof(m->cluster_name), "%s", info.cluster.name);
        snprintf(m->quorum_resource, sizeof(m->quorum_resource), "%s", info.cluster.quorum_resource);
        snprintf(m->quorum_path, sizeof(m->quorum_path), "%s", info.cluster.quorum_path);
        m->version = BK_MANIFEST_VERSION;
        err = bk_manifest_add(s, m, &e);
    }
    if (!err && !(err = entry_of(s, dfd, log, &e)))
        err = bk_manifest_add(s, m, &e);
    if (!err)
        err = add_ckpts(s, dfd, l, &info, m);
    bk_chk_info_free(&info);
    if (err)
        bk_manifest_free(m);
    return err;
}
