/* The writer thread of a backup.  The calling thread reads the store (SQLite
 * is most of its time) and fills buffers; this thread writes them out, hashes
 * them and, once a file is whole, starts its write-back and closes it.  On
 * two cores the copy into the page cache and SHA-256 then cost no wall time
 * beside the reads (docs/performance.md).  Restore's check of a set uses it
 * with no file (fd -1): hashing only.
 *
 * The store belongs to the calling thread alone: the writer touches only its
 * queue, the fds it was handed and its digests, and keeps its first failure
 * as an errno and an operation, which the caller turns into an error. */
#include "backup_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIPE_BUFS  8
#define PIPE_QUEUE 32
/* The writer is woken for this many messages at once, or when the caller
 * must wait for it: a wake per message cost four futex calls per file of a
 * small set, the most expensive calls of a 32-bit backup (docs/performance.md,
 * "In process, 32-bit").  A large file keeps the writer awake anyway. */
#define PIPE_BATCH 8

enum { MSG_WRITE, MSG_FINISH };

/* The buffers of the last pipe, kept for the next one in this process.  Two
 * megabytes allocated and freed per backup make glibc grow and trim its heap
 * every time, and each backup then faults the pages in anew: a tenth of a
 * 32-bit backup's time on Wine (docs/performance.md). */
static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char  *spare[PIPE_BUFS];
static size_t          nspare;

struct msg {
    int            type;
    int            fd;
    unsigned char *buf;            /* MSG_WRITE: a pool buffer, back to the pool once written */
    size_t         n;
    int            hash;           /* MSG_WRITE: hash it; MSG_FINISH: the digest is sha, given */
    unsigned char  sha[BK_SHA_LEN];
    size_t         id;             /* MSG_FINISH: digest slot, BK_PIPE_NO_DIGEST or BK_PIPE_DROP */
    char           name[BK_REL_MAX];
};

struct bk_pipe {
    pthread_t       thread;
    pthread_mutex_t lock;          /* guards everything down to err_name */
    pthread_cond_t  work;          /* the writer waits for messages */
    pthread_cond_t  done;          /* the caller waits for buffers, room or an empty queue */
    struct msg      queue[PIPE_QUEUE];
    size_t          head, count;
    int             busy, stop, started;
    unsigned char  *pool[PIPE_BUFS];
    size_t          nfree;
    int             err;           /* first failure: errno ... */
    char            err_op[16];    /* ... what was being done ... */
    char            err_name[BK_REL_MAX]; /* ... to which file */
    /* Without the lock: only the writer touches these until the queue is drained. */
    EVP_MD_CTX     *md;
    unsigned char (*digests)[BK_SHA_LEN];
    size_t          ndigests, cap;
};

/* Called by the writer, which runs without the lock. */
static void fail(bk_pipe *p, int err, const char *op, const char *name)
{
    pthread_mutex_lock(&p->lock);
    if (!p->err) {
        p->err = err;
        snprintf(p->err_op, sizeof(p->err_op), "%s", op);
        snprintf(p->err_name, sizeof(p->err_name), "%s", name);
    }
    pthread_mutex_unlock(&p->lock);
}

static int keep_digest(bk_pipe *p, size_t id, const unsigned char *md)
{
    if (id >= p->cap) {
        size_t cap = p->cap ? p->cap : 64;
        void *d;

        while (cap <= id)
            cap *= 2;
        if (!(d = realloc(p->digests, cap * sizeof(*p->digests))))
            return ENOMEM;
        p->digests = d;
        p->cap = cap;
    }
    memcpy(p->digests[id], md, BK_SHA_LEN);
    if (id >= p->ndigests)
        p->ndigests = id + 1;
    return 0;
}

/* Runs without the lock; after a failure files are only closed. */
static void handle(bk_pipe *p, const struct msg *m, int failed)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    int e;

    if (m->type == MSG_WRITE) {
        if (failed)
            return;
        if (m->fd >= 0 && (e = fsio_write(m->fd, m->buf, m->n)))
            fail(p, e, "write", m->name);
        else if (m->hash && !EVP_DigestUpdate(p->md, m->buf, m->n))
            fail(p, ENOMEM, "hash", m->name);
        return;
    }
    if (!failed && m->id != BK_PIPE_DROP) {
        if (m->fd >= 0 && (e = fsio_flush_start(m->fd)))
            fail(p, e, "flush", m->name);
        else if (m->id != BK_PIPE_NO_DIGEST && m->hash) {
            if ((e = keep_digest(p, m->id, m->sha)))
                fail(p, e, "hash", m->name);
        } else if (m->id != BK_PIPE_NO_DIGEST) {
            if (!EVP_DigestFinal_ex(p->md, md, &len) || len != BK_SHA_LEN)
                fail(p, ENOMEM, "hash", m->name);
            else if ((e = keep_digest(p, m->id, md)))
                fail(p, e, "hash", m->name);
        }
    }
    fsio_close(m->fd);
    if (!EVP_DigestInit_ex(p->md, EVP_sha256(), NULL))
        fail(p, ENOMEM, "hash", m->name);
}

static void *writer(void *arg)
{
    bk_pipe *p = arg;
    struct msg m;
    int failed;

    /* Its system calls through the vDSO on i386, as its caller's (the DLL's
     * session_enter says why); nothing cancels it: it is stopped by a
     * message and joined. */
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->count && !p->stop)
            pthread_cond_wait(&p->work, &p->lock);
        if (!p->count)
            break;
        m = p->queue[p->head];
        p->head = (p->head + 1) % PIPE_QUEUE;
        p->count--;
        p->busy = 1;
        failed = p->err != 0;
        pthread_mutex_unlock(&p->lock);
        handle(p, &m, failed);
        pthread_mutex_lock(&p->lock);
        if (m.buf)
            p->pool[p->nfree++] = m.buf;
        p->busy = 0;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* The writer's failure as the store's error; the caller holds the lock. */
static uint32_t pipe_error(cs_store *s, bk_pipe *p)
{
    if (!p->err)
        return 0;
    if (!strcmp(p->err_op, "hash"))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 of %s failed", p->err_name);
    return bk_ioerr(s, p->err, 1, p->err_op, p->err_name);
}

uint32_t bk_pipe_start(cs_store *s, bk_pipe **out)
{
    bk_pipe *p = calloc(1, sizeof(*p));
    size_t i;
    int e;

    *out = NULL;
    if (!p)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    pthread_mutex_lock(&spare_lock);
    while (nspare)
        p->pool[p->nfree++] = spare[--nspare];
    pthread_mutex_unlock(&spare_lock);
    for (i = p->nfree; i < PIPE_BUFS; i++)
        if ((p->pool[p->nfree] = malloc(BK_PIPE_CHUNK)))
            p->nfree++;
    p->md = EVP_MD_CTX_new();
    if (p->nfree < PIPE_BUFS || !p->md || !EVP_DigestInit_ex(p->md, EVP_sha256(), NULL)) {
        while (p->nfree)
            free(p->pool[--p->nfree]);
        EVP_MD_CTX_free(p->md);
        free(p);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "buffers or SHA-256 context: out of memory");
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if ((e = pthread_create(&p->thread, NULL, writer, p))) {
        bk_pipe_stop(p);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "cannot start the writer thread: %s", strerror(e));
    }
    p->started = 1;
    *out = p;
    return 0;
}

/* The caller holds the lock and waits for something only the writer gives:
 * the writer must be awake for it, whatever the batch holds. */
static void wait_for_writer(bk_pipe *p)
{
    pthread_cond_signal(&p->work);
    pthread_cond_wait(&p->done, &p->lock);
}

uint32_t bk_pipe_buffer(cs_store *s, bk_pipe *p, unsigned char **buf)
{
    uint32_t err;

    pthread_mutex_lock(&p->lock);
    while (!p->nfree && !p->err)
        wait_for_writer(p);
    err = pipe_error(s, p);
    *buf = err ? NULL : p->pool[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    return err;
}

void bk_pipe_release(bk_pipe *p, unsigned char *buf)
{
    if (!buf)
        return;
    pthread_mutex_lock(&p->lock);
    p->pool[p->nfree++] = buf;
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->lock);
}

/* Queued whatever happened before: fds and buffers must reach the writer. */
static uint32_t push(cs_store *s, bk_pipe *p, const struct msg *m)
{
    uint32_t err;

    pthread_mutex_lock(&p->lock);
    while (p->count == PIPE_QUEUE)
        wait_for_writer(p);
    p->queue[(p->head + p->count) % PIPE_QUEUE] = *m;
    p->count++;
    if (p->count >= PIPE_BATCH || !p->nfree)
        pthread_cond_signal(&p->work);
    err = pipe_error(s, p);
    pthread_mutex_unlock(&p->lock);
    return err;
}

static uint32_t queue(cs_store *s, bk_pipe *p, struct msg *m, const char *name)
{
    snprintf(m->name, sizeof(m->name), "%s", name);
    return push(s, p, m);
}

uint32_t bk_pipe_write(cs_store *s, bk_pipe *p, int fd, unsigned char *buf, size_t n, int hash, const char *name)
{
    struct msg m = { .type = MSG_WRITE, .fd = fd, .buf = buf, .n = n, .hash = hash };

    return queue(s, p, &m, name);
}

uint32_t bk_pipe_finish(cs_store *s, bk_pipe *p, int fd, size_t id, const unsigned char *sha, const char *name)
{
    struct msg m = { .type = MSG_FINISH, .fd = fd, .id = id, .hash = sha != NULL };

    if (sha)
        memcpy(m.sha, sha, BK_SHA_LEN);
    return queue(s, p, &m, name);
}

uint32_t bk_pipe_drain(cs_store *s, bk_pipe *p)
{
    uint32_t err;

    pthread_mutex_lock(&p->lock);
    while (p->count || p->busy)
        wait_for_writer(p);
    err = pipe_error(s, p);
    pthread_mutex_unlock(&p->lock);
    return err;
}

int bk_pipe_digest(bk_pipe *p, size_t i, unsigned char sha[BK_SHA_LEN])
{
    if (i >= p->ndigests)
        return -1;
    memcpy(sha, p->digests[i], BK_SHA_LEN);
    return 0;
}

uint32_t bk_pipe_digests(cs_store *s, bk_pipe *p, bk_manifest *m)
{
    uint32_t err = bk_pipe_drain(s, p);
    size_t i;

    if (err)
        return err;
    if (p->ndigests != m->n)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "internal: %zu digests for %zu files", p->ndigests, m->n);
    for (i = 0; i < m->n; i++)
        memcpy(m->entries[i].sha, p->digests[i], BK_SHA_LEN);
    return 0;
}

void bk_pipe_stop(bk_pipe *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    if (p->started)
        pthread_join(p->thread, NULL);
    pthread_mutex_lock(&spare_lock);
    while (p->nfree && nspare < PIPE_BUFS)
        spare[nspare++] = p->pool[--p->nfree];
    pthread_mutex_unlock(&spare_lock);
    while (p->nfree)
        free(p->pool[--p->nfree]);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    EVP_MD_CTX_free(p->md);
    free(p->digests);
    free(p);
}
