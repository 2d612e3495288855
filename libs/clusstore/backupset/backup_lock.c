/* The backup folder's lock, waited for within a bound: anyone who can open
 * the folder can hold a flock on it, so a blocking wait would let any user
 * stall every backup and restore of it for ever.  Polled, since a library
 * inside a Wine process may not use signals or a thread to cut a blocking
 * flock short. */
#include "backup_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <sys/file.h>
#include <time.h>

/* Long enough for every legitimate caller to have its turn: several
 * backups of one folder at once all succeed (docs/robustness.md), and a
 * large one takes seconds. */
#define LOCK_WAIT_DEFAULT 60.0
#define LOCK_WAIT_MAX     86400.0
#define LOCK_NOTICE_AFTER 1.0
/* Polls start fast, so callers that take turns lose little, and slow
 * down to this. */
#define LOCK_POLL_MAX_NS  50000000L

void cs_set_lock_wait_notice(cs_store *s, cs_lock_wait_fn fn, void *ctx)
{
    if (!s)
        return;
    s->lock_wait = fn;
    s->lock_wait_ctx = ctx;
}

static uint32_t wait_limit(cs_store *s, double *secs)
{
    const char *v = getenv("WINECLUS_LOCK_WAIT");
    char *end;

    *secs = LOCK_WAIT_DEFAULT;
    if (!v)
        return 0;
    errno = 0;
    *secs = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(*secs) || *secs < 0 || *secs > LOCK_WAIT_MAX)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER,
                        "WINECLUS_LOCK_WAIT='%s' is not a number of seconds from 0 to %.0f", v, LOCK_WAIT_MAX);
    return 0;
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void holder_of(int dfd, char *out, size_t size)
{
    struct stat st;

    if (fstat(dfd, &st))
        snprintf(out, size, "another process");
    else
        cs__lock_holder(&st, out, size);
}

uint32_t bk_lock_folder(cs_store *s, int dfd, const char *dir)
{
    struct timespec nap = { 0, 1000000L };
    double limit, start, waited;
    char holder[256];
    int err, told = 0;
    uint32_t rc;

    if ((rc = wait_limit(s, &limit)))
        return rc;
    start = now();
    while ((err = fsio_flock(dfd, LOCK_EX | LOCK_NB)) == EWOULDBLOCK) {
        waited = now() - start;
        if (waited >= limit) {
            holder_of(dfd, holder, sizeof(holder));
            return cs__fail(s, CS_ERROR_SHARING_VIOLATION,
                            "backup folder %s is in use, locked by %s: gave up after %g s (WINECLUS_LOCK_WAIT)", dir,
                            holder, limit);
        }
        if (!told && waited >= LOCK_NOTICE_AFTER && s->lock_wait) {
            holder_of(dfd, holder, sizeof(holder));
            s->lock_wait(s->lock_wait_ctx, dir, holder);
            told = 1;
        }
        if ((double)nap.tv_nsec / 1e9 > limit - waited)
            nap.tv_nsec = (long)((limit - waited) * 1e9) + 1;
        nanosleep(&nap, NULL);
        nap.tv_nsec = nap.tv_nsec * 2 > LOCK_POLL_MAX_NS ? LOCK_POLL_MAX_NS : nap.tv_nsec * 2;
    }
    return err ? bk_ioerr(s, err, 0, "lock folder", dir) : 0;
}
