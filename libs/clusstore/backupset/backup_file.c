/* Writing one file of a set: created here, 0600 whatever the umask, filled
 * in pipe buffers which the writer thread (backup_pipe.c) writes and hashes.
 * Its write-back starts when it is finished; bk_sync_fs, once for the whole
 * set, waits for all of them, so a set of many files costs one flush rather
 * than one per file and folder. */
#include "backup_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t bk_out_create(cs_store *s, bk_pipe *p, int dfd, const char *name, bk_out *o)
{
    int err;

    memset(o, 0, sizeof(*o));
    o->s = s;
    o->pipe = p;
    o->fd = -1;
    snprintf(o->name, sizeof(o->name), "%s", name);
    /* O_EXCL: a name someone planted (a symlink to elsewhere) fails here
     * instead of being written through. */
    err = fsio_openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL, 0600, &o->fd);
    if (!err)
        err = fsio_fix_mode(o->fd, 0600);
    if (err) {
        fsio_close(o->fd);
        o->fd = -1;
        return bk_ioerr(s, err, 1, "create", name);
    }
    return 0;
}

/* The buffer goes to the writer, which hands it back to the pool. */
static uint32_t send(bk_out *o)
{
    unsigned char *buf = o->buf;
    size_t n = o->fill;

    o->buf = NULL;
    o->fill = 0;
    return bk_pipe_write(o->s, o->pipe, o->fd, buf, n, !o->sha, o->name);
}

unsigned char *bk_out_room(bk_out *o, size_t *room, uint32_t *err)
{
    *err = 0;
    if (!o->buf && (*err = bk_pipe_buffer(o->s, o->pipe, &o->buf)))
        return NULL;
    *room = BK_PIPE_CHUNK - o->fill;
    return o->buf + o->fill;
}

uint32_t bk_out_commit(bk_out *o, size_t n)
{
    uint32_t err;

    o->fill += n;
    o->bytes += n;
    if (o->fill == BK_PIPE_CHUNK && (err = send(o)))
        return err;
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

uint32_t bk_out_write(bk_out *o, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    unsigned char *to;
    size_t room, k;
    uint32_t err = 0;

    while (!err && n) {
        if (!(to = bk_out_room(o, &room, &err)))
            break;
        k = n < room ? n : room;
        memcpy(to, p, k);
        p += k;
        n -= k;
        err = bk_out_commit(o, k);
    }
    return err;
}

uint32_t bk_out_writer(void *ctx, const void *buf, size_t n)
{
    return bk_out_write(ctx, buf, n);
}

uint32_t bk_out_finish(bk_out *o, size_t id)
{
    uint32_t err = o->fill ? send(o) : 0;
    uint32_t ferr;

    bk_pipe_release(o->pipe, o->buf);
    o->buf = NULL;
    /* Queued even after a failure: the writer owns the fd from here. */
    ferr = bk_pipe_finish(o->s, o->pipe, o->fd, err ? BK_PIPE_DROP : id, o->sha, o->name);
    o->fd = -1;
    return err ? err : ferr;
}

void bk_out_abort(bk_out *o)
{
    bk_pipe_release(o->pipe, o->buf);
    o->buf = NULL;
    o->fill = 0;
    if (o->fd >= 0)
        bk_pipe_finish(o->s, o->pipe, o->fd, BK_PIPE_DROP, NULL, o->name);
    o->fd = -1;
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
