/* Writing one file of a set: hashed as it goes, 0600 whatever the umask.
 * Its write-back starts when it is finished; bk_sync_fs, once for the whole
 * set, waits for all of them, so a set of many files costs one flush rather
 * than one per file and folder. */
#include "backup_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t bk_out_create(cs_store *s, int dfd, const char *name, bk_out *o)
{
    int err;

    memset(o, 0, sizeof(*o));
    o->s = s;
    o->fd = -1;
    snprintf(o->name, sizeof(o->name), "%s", name);
    o->md = EVP_MD_CTX_new();
    o->buf = malloc(BK_CHUNK);
    if (!o->md || !o->buf || !EVP_DigestInit_ex(o->md, EVP_sha256(), NULL)) {
        bk_out_abort(o);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 context or buffer: out of memory");
    }
    /* O_EXCL: a name someone planted (a symlink to elsewhere) fails here
     * instead of being written through. */
    err = fsio_openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL, 0600, &o->fd);
    if (!err)
        err = fsio_fchmod(o->fd, 0600);
    if (err) {
        bk_out_abort(o);
        return bk_ioerr(s, err, 1, "create", name);
    }
    return 0;
}

static uint32_t flush(bk_out *o)
{
    int err = o->fill ? fsio_write(o->fd, o->buf, o->fill) : 0;

    o->fill = 0;
    return err ? bk_ioerr(o->s, err, 1, "write", o->name) : 0;
}

/* Whole chunks go straight to the file; small pieces gather first. */
static uint32_t put(bk_out *o, const void *buf, size_t n)
{
    uint32_t err;
    int e;

    if (o->fill + n > BK_CHUNK && (err = flush(o)))
        return err;
    if (n >= BK_CHUNK) {
        e = fsio_write(o->fd, buf, n);
        return e ? bk_ioerr(o->s, e, 1, "write", o->name) : 0;
    }
    memcpy(o->buf + o->fill, buf, n);
    o->fill += n;
    return 0;
}

uint32_t bk_out_write(bk_out *o, const void *buf, size_t n)
{
    uint32_t err;

    if (!n)
        return 0;
    if ((err = put(o, buf, n)))
        return err;
    if (!EVP_DigestUpdate(o->md, buf, n))
        return cs__fail(o->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 of %s failed", o->name);
    o->bytes += n;
    if (o->prog) {
        o->prog->done += n;
        if (o->prog->total && o->prog->opts && o->prog->opts->progress) {
            uint32_t rc = o->prog->opts->progress(o->prog->opts->progress_ctx, o->prog->done, o->prog->total);
            if (rc)
                return cs__fail(o->s, rc, "backup stopped by the progress callback");
        }
    }
    return 0;
}

uint32_t bk_out_writer(void *ctx, const void *buf, size_t n)
{
    return bk_out_write(ctx, buf, n);
}

uint32_t bk_out_finish(bk_out *o, unsigned char sha[BK_SHA_LEN])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    uint32_t werr = flush(o);
    int err;

    if (werr) {
        bk_out_abort(o);
        return werr;
    }
    if ((err = fsio_flush_start(o->fd))) {
        bk_out_abort(o);
        return bk_ioerr(o->s, err, 1, "flush", o->name);
    }
    if (!EVP_DigestFinal_ex(o->md, md, &len) || len != BK_SHA_LEN) {
        bk_out_abort(o);
        return cs__fail(o->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 of %s failed", o->name);
    }
    if (sha)
        memcpy(sha, md, BK_SHA_LEN);
    bk_out_abort(o);
    return 0;
}

void bk_out_abort(bk_out *o)
{
    fsio_close(o->fd);
    o->fd = -1;
    EVP_MD_CTX_free(o->md);
    o->md = NULL;
    free(o->buf);
    o->buf = NULL;
    o->fill = 0;
}

uint32_t bk_sync_dir(cs_store *s, int fd, const char *name)
{
    int err = fsio_fsync(fd);

    return err ? bk_ioerr(s, err, 1, "flush folder", name) : 0;
}

uint32_t bk_sync_fs(cs_store *s, int fd, const char *name)
{
    int err = fsio_syncfs(fd);

    return err ? bk_ioerr(s, err, 1, "flush", name) : 0;
}
