/* What each kind of file of a set says, asked of the store's own readers:
 * the snapshot through the loader a restore runs, a registry checkpoint
 * through the stream checker.  Nothing here parses a format itself. */
#define _GNU_SOURCE
#include "backup_internal.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct bk_cpt_check {
    cs_regstream *rs;
};

bk_cpt_check *bk_cpt_check_new(void)
{
    bk_cpt_check *c = calloc(1, sizeof(*c));

    if (c && !(c->rs = cs_regstream_new())) {
        free(c);
        c = NULL;
    }
    return c;
}

void bk_cpt_check_reset(bk_cpt_check *c)
{
    cs_regstream_reset(c->rs);
}

int bk_cpt_check_feed(bk_cpt_check *c, const void *buf, size_t n)
{
    return cs_regstream_feed(c->rs, buf, n) != 0;
}

int bk_cpt_check_end(bk_cpt_check *c)
{
    return cs_regstream_end(c->rs) != 0;
}

const char *bk_cpt_check_why(const bk_cpt_check *c)
{
    return cs_regstream_why(c->rs);
}

void bk_cpt_check_free(bk_cpt_check *c)
{
    if (c)
        cs_regstream_free(c->rs);
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
    memset(info, 0, sizeof(*info));
}
