/* Following the store's changes from any process.
 *
 * Wake-up: after every committed write transaction the writer writes a byte
 * to events/tick; a watcher has an inotify watch on that file, so it sleeps
 * in poll(2) at no cost while nothing changes and wakes when a change is
 * committed (the WAL cannot serve: its last write comes before the commit
 * is visible to readers, so a reader woken by it could miss the change).
 *
 * Keeping events: a quorum log checkpoint deletes records.  Each watcher
 * pins the seq it has read up to in events/pin.<pid>.<n>, a file it holds a
 * shared flock on; a checkpoint keeps the records after the oldest live pin,
 * but never more than CS_EVENTS_KEEP of them, so a watcher that stops
 * reading cannot make the log grow without end: that one gets
 * CLUSTER_RECONNECT when it reads again.  A pin whose process died is
 * unlocked, and the checkpoint removes it.
 *
 * On a store on etcd, changes made on other hosts touch no file here: a
 * watcher also runs a thread that follows the cluster's head key with an
 * etcd watch and touches events/tick at each change, so every watcher of
 * this host wakes and reads (the read applies the change to the replica).
 * It touches it once more each time its watch is made, for a change that
 * came while it had none (docs/etcd.md, "Notifications"). */
#define _GNU_SOURCE
#include "cs_internal.h"
#include "fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <unistd.h>

#define EVENTS_DIR "events"
#define TICK_NAME  "tick"

struct cs_watch {
    int            events_fd;   /* events/ */
    int            inotify_fd;
    int            pin_fd;
    char           pin_name[64];
    uint64_t       seq;         /* read up to here */
    cs__follow    *follow;      /* a store on etcd: the thread following its head */
};

static uint32_t events_dir(cs_store *s)
{
    if (s->events_fd >= 0)
        return 0;
    return cs__dir_open(s, s->dir_fd, "", EVENTS_DIR, 1, &s->events_fd);
}

void cs__events_touch(cs_store *s)
{
    static const char byte = 1;

    /* The change is committed whatever happens here; a store whose events/
     * cannot be made has no watchers to wake. */
    if (s->tick_fd < 0 &&
        (events_dir(s) || cs__file_open(s, s->events_fd, EVENTS_DIR, TICK_NAME, O_WRONLY | O_CREAT, &s->tick_fd))) {
        cs__clear(s);
        return;
    }
    if (pwrite(s->tick_fd, &byte, 1, 0) != 1)
        cs__clear(s);
}

static int read_pin(int fd, uint64_t *seq)
{
    uint64_t a, b;

    /* Read until two reads agree: a pin is rewritten in place. */
    do {
        if (pread(fd, &a, sizeof(a), 0) != sizeof(a) || pread(fd, &b, sizeof(b), 0) != sizeof(b))
            return -1;
    } while (a != b);
    *seq = a;
    return 0;
}

uint64_t cs__events_keep(cs_store *s, uint64_t log_seq)
{
    uint64_t keep = log_seq, seq;
    const char *name;
    fsio_dir *d;
    int fd;

    if (events_dir(s) || fsio_opendir(s->events_fd, &d)) {
        cs__clear(s);
        return keep;
    }
    while (!fsio_readdir(d, &name) && name) {
        if (strncmp(name, "pin.", 4) || fsio_openat(s->events_fd, name, O_RDONLY, 0, &fd))
            continue;
        if (!flock(fd, LOCK_EX | LOCK_NB))
            unlinkat(s->events_fd, name, 0);        /* its process is gone */
        else if (!read_pin(fd, &seq) && seq < keep)
            keep = seq;
        close(fd);
    }
    fsio_closedir(d);
    return log_seq - keep > CS_EVENTS_KEEP ? log_seq - CS_EVENTS_KEEP : keep;
}

static uint32_t pin(cs_store *s, cs_watch *w)
{
    static unsigned counter;
    char tmp[64], *name = w->pin_name;
    unsigned n = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
    uint32_t err;

    /* Locked and written before it gets the name a checkpoint looks at, so
     * it is never taken for a dead one. */
    snprintf(tmp, sizeof(tmp), "new.%ld.%u", (long)getpid(), n);
    snprintf(name, sizeof(w->pin_name), "pin.%ld.%u", (long)getpid(), n);
    if ((err = cs__file_open(s, w->events_fd, EVENTS_DIR, tmp, O_RDWR | O_CREAT | O_CLOEXEC, &w->pin_fd)))
        return err;
    if (flock(w->pin_fd, LOCK_SH) || pwrite(w->pin_fd, &w->seq, sizeof(w->seq), 0) != sizeof(w->seq) ||
        renameat(w->events_fd, tmp, w->events_fd, name)) {
        unlinkat(w->events_fd, tmp, 0);
        name[0] = 0;
        return cs__fail(s, fsio_winerr(errno, 1), "cannot pin the event log in %s/%s: %s", s->dir, EVENTS_DIR,
                        strerror(errno));
    }
    return 0;
}

static uint32_t log_seq_fn(cs_store *s, void *arg)
{
    return cs__log_seq(s, arg);
}

/* A store on etcd: changes made on other hosts touch events/tick through
 * the replica's follower thread (etcd/cs_etcdfollow.c), which gets a
 * descriptor of its own on the file. */
static uint32_t follow_begin(cs_store *s, cs_watch *w)
{
    uint32_t err;
    int tick_fd;

    if (!s->rep)
        return 0;
    if ((err = cs__file_open(s, w->events_fd, EVENTS_DIR, TICK_NAME, O_WRONLY | O_CLOEXEC, &tick_fd)))
        return err;
    return cs__replica_follow_start(s, tick_fd, &w->follow);
}

uint32_t cs_watch_open(cs_store *s, cs_watch **out)
{
    char path[64];
    cs_watch *w;
    uint32_t err;
    int tick_fd;

    if (!s || !out)
        return CS_ERROR_INVALID_PARAMETER;
    if (!s->db)
        return CS_ERROR_INVALID_HANDLE;
    *out = NULL;
    if (!(w = calloc(1, sizeof(*w))))
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    w->events_fd = w->inotify_fd = w->pin_fd = -1;
    /* The tick file exists before it is watched; the watch is set before
     * the position is read, so no change falls between the two. */
    if ((err = events_dir(s)) ||
        (err = cs__file_open(s, s->events_fd, EVENTS_DIR, TICK_NAME, O_RDONLY | O_CREAT | O_CLOEXEC, &tick_fd)))
        goto fail;
    close(tick_fd);
    if ((w->events_fd = fcntl(s->events_fd, F_DUPFD_CLOEXEC, 0)) < 0 ||
        (w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
        err = cs__fail(s, fsio_winerr(errno, 0), "cannot watch %s/%s: %s", s->dir, EVENTS_DIR, strerror(errno));
        goto fail;
    }
    snprintf(path, sizeof(path), "/proc/self/fd/%d/" TICK_NAME, w->events_fd);
    if (inotify_add_watch(w->inotify_fd, path, IN_MODIFY | IN_DONT_FOLLOW) < 0) {
        err = cs__fail(s, fsio_winerr(errno, 0), "cannot watch %s/%s/%s: %s", s->dir, EVENTS_DIR, TICK_NAME,
                       strerror(errno));
        goto fail;
    }
    /* Pinned at 0 (keep all) until the position is known. */
    if ((err = pin(s, w)) || (err = cs__read(s, log_seq_fn, &w->seq)))
        goto fail;
    if (pwrite(w->pin_fd, &w->seq, sizeof(w->seq), 0) != sizeof(w->seq)) {
        err = cs__fail(s, fsio_winerr(errno, 1), "cannot pin the event log: %s", strerror(errno));
        goto fail;
    }
    if ((err = follow_begin(s, w)))
        goto fail;
    *out = w;
    return 0;
fail:
    cs_watch_close(w);
    return err;
}

uint32_t cs_watch_read(cs_store *s, cs_watch *w, cs_event_fn fn, void *ctx)
{
    char drain[4096];
    uint64_t last;
    uint32_t err;

    if (!s || !w || !fn)
        return CS_ERROR_INVALID_PARAMETER;
    /* Drained before reading: a change committed after the read wakes the
     * next wait. */
    while (read(w->inotify_fd, drain, sizeof(drain)) > 0)
        ;
    if ((err = cs__events_read(s, w->seq, fn, ctx, &last)) || last == w->seq)
        return err;
    w->seq = last;
    if (pwrite(w->pin_fd, &w->seq, sizeof(w->seq), 0) != sizeof(w->seq))
        return cs__fail(s, fsio_winerr(errno, 1), "cannot move the event log pin: %s", strerror(errno));
    return 0;
}

int cs_watch_wait(cs_watch *w, int timeout_ms, int wake_fd)
{
    struct pollfd p[2] = { { w->inotify_fd, POLLIN, 0 }, { wake_fd, POLLIN, 0 } };
    int rc;

    do
        rc = poll(p, wake_fd >= 0 ? 2 : 1, timeout_ms);
    while (rc < 0 && errno == EINTR);
    if (rc < 0)
        return -1;
    if (wake_fd >= 0 && p[1].revents)
        return 2;
    return p[0].revents ? 1 : 0;
}

uint64_t cs_watch_seq(const cs_watch *w)
{
    return w ? w->seq : 0;
}

void cs_watch_close(cs_watch *w)
{
    if (!w)
        return;
    cs__replica_follow_stop(w->follow);
    if (w->pin_name[0])
        unlinkat(w->events_fd, w->pin_name, 0);
    if (w->pin_fd >= 0)
        close(w->pin_fd);
    if (w->inotify_fd >= 0)
        close(w->inotify_fd);
    if (w->events_fd >= 0)
        close(w->events_fd);
    free(w);
}
