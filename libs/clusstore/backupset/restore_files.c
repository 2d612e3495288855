/* What each kind of file of a set says, asked of the store's own readers:
 * the snapshot through the loader a restore runs, a registry checkpoint
 * through the hive walker or the stream converter.  Nothing here parses a
 * format itself. */
#define _GNU_SOURCE
#include "backup_internal.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the set has its manifest and the file is a hive, its bytes are the
 * ones the backup copied out of the store, which keeps registry contents
 * only as hives that walk (cs_checkpoint_save): the hashes prove what a
 * walk would, so nothing is gathered.  Otherwise (no manifest, a WCREG1
 * stream of an earlier build, anything else) the file is read whole, then
 * walked, or converted by the upgrade's converter. */
struct bk_cpt_check {
    unsigned char *buf, *hive;
    size_t         cap, have, hive_size;
    int            first, gather;
};

bk_cpt_check *bk_cpt_check_new(void)
{
    return calloc(1, sizeof(bk_cpt_check));
}

void bk_cpt_check_reset(bk_cpt_check *c)
{
    free(c->hive);
    c->hive = NULL;
    c->hive_size = 0;
    c->have = 0;
    c->first = 1;
    c->gather = 0;
}

uint32_t bk_cpt_check_feed(cs_store *s, bk_cpt_check *c, const bk_entry *e, const void *buf, size_t n)
{
    unsigned char *grown;

    if (c->first) {
        c->first = 0;
        c->gather = !(e->sha_known && n >= 4 && !memcmp(buf, "regf", 4));
        /* One buffer for every file, grown as needed: a fresh one per file
         * would be mapped and faulted in again each time. */
        if (c->gather && e->size > c->cap) {
            if (!(grown = malloc((size_t)e->size)))
                return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory for %s", e->path);
            free(c->buf);
            c->buf = grown;
            c->cap = (size_t)e->size;
        }
    }
    /* The reader never gives more than the listed size. */
    if (c->gather) {
        memcpy(c->buf + c->have, buf, n);
        c->have += n;
    }
    return 0;
}

uint32_t bk_cpt_check_end(cs_store *s, bk_cpt_check *c, const bk_entry *e)
{
    char why[160];
    uint32_t err;

    if (!c->gather)
        return 0;
    err = cs_reghive_take(c->buf, c->have, e->key, &c->hive, &c->hive_size, why, sizeof(why));
    if (err == CS_ERROR_NOT_ENOUGH_MEMORY)
        return cs__fail(s, err, "out of memory for %s", e->path);
    if (err)
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT,
                        "backup set is damaged: %s is not a registry checkpoint (%s)", e->disk[0] ? e->disk : e->path,
                        why);
    return 0;
}

const unsigned char *bk_cpt_check_converted(const bk_cpt_check *c, size_t *size)
{
    *size = c->hive_size;
    return c->hive;
}

void bk_cpt_check_free(bk_cpt_check *c)
{
    if (c) {
        free(c->hive);
        free(c->buf);
    }
    free(c);
}

static int rm_entry(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return type == FTW_DP ? rmdir(p) : unlink(p);
}

/* A store of its own under $TMPDIR, gone when done: the loader checks a
 * snapshot by loading it, and the store being restored must not change
 * before every file of the set has been checked. */
static uint32_t scratch_load(cs_store *s, const bk_entry *e, bk_in *in, bk_chk_info *out)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    cs_store *scratch = NULL;
    uint32_t err;

    snprintf(dir, sizeof(dir), "%s/wineclus-chk.XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return bk_ioerr(s, errno, 1, "make a scratch folder to check the snapshot:", dir);
    err = cs_open(dir, "SCRATCH", "SCRATCH", &scratch);
    if (!err)
        err = cs_snapshot_load(scratch, bk_in_reader, in, CS_LOAD_EXACT);
    if (!err)
        err = cs_cluster_get(scratch, &out->cluster);
    if (!err)
        err = cs_node_list(scratch, &out->nodes, &out->nnodes);
    if (!err)
        err = cs_checkpoint_list(scratch, NULL, 0, &out->ckpts, &out->nckpts);
    if (!err && scratch->nlisted) {
        if ((out->listed = malloc(scratch->nlisted * sizeof(*out->listed))))
            memcpy(out->listed, scratch->listed, scratch->nlisted * sizeof(*out->listed));
        else
            err = CS_ERROR_NOT_ENOUGH_MEMORY;
        out->nlisted = out->listed ? scratch->nlisted : 0;
    }
    if (err)
        cs__fail(s, err, "%s: %s", e->path, scratch ? cs_errmsg(scratch) : "cannot make a scratch store");
    cs_close(scratch);
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return err;
}

uint32_t bk_chk_read(cs_store *s, int dfd, const bk_entry *e, bk_chk_info *out)
{
    uint32_t err;
    bk_in in;
    int fd;

    memset(out, 0, sizeof(*out));
    if ((err = bk_open_entry(s, dfd, e, &fd)))
        return err;
    if ((err = bk_in_init(&in, s, e, fd, 0))) {
        fsio_close(fd);
        return err;
    }
    err = scratch_load(s, e, &in, out);
    if (!err)
        err = bk_in_finish(&in);
    else
        bk_in_close(&in);
    if (err)
        bk_chk_info_free(out);
    return err;
}

void bk_chk_info_free(bk_chk_info *info)
{
    cs_free(info->nodes);
    cs_free(info->ckpts);
    free(info->listed);
    memset(info, 0, sizeof(*info));
}
