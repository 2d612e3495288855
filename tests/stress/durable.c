/* Durability: a model check of the order of a backup's flushes.
 *
 *   durable WINECLUS WORK
 *
 * This program defines openat, write, fchmod, mkdirat, renameat, unlinkat,
 * fsync and syncfs itself (each calls libc's through dlsym(RTLD_NEXT)), so every
 * such call the backup writer makes is seen.  Under the destination folder
 * it keeps the set of inodes whose data or entries changed since their last
 * fsync.  When Clusbackup.dat arrives in the destination folder (renamed
 * there by a swap, or created there by a backup built in place), that
 * set must be empty: every file of the set and every folder entry is on disk
 * before the marker can be.  When cs_backup returns 0 it must be empty too:
 * the backup is durable when the call returns.  Checked for a plain backup
 * and for the repairs of swaps interrupted at each rename (crash points of
 * the real hook on the wineclus tool). */
#define _GNU_SOURCE
#include "st.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dest[PATH_MAX];
static int tracking, marker_arrivals;
static unsigned long events;
#define DIRTY_MAX 4096
static ino_t dirty[DIRTY_MAX];
static size_t ndirty;

#define REAL(name) static __typeof__(&name) real_##name; if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

/* Is fd under the destination folder (the folder itself included)? */
static int ours(int fd, struct stat *st)
{
    char link[64], path[PATH_MAX];
    ssize_t n;
    size_t len = strlen(dest);

    if (!tracking || fd < 0)
        return 0;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    n = readlink(link, path, sizeof(path) - 1);
    if (n < 0)
        return 0;
    path[n] = 0;
    if (strncmp(path, dest, len) || (path[len] && path[len] != '/'))
        return 0;
    return !fstat(fd, st);
}

/* The backup's writer thread writes and closes files beside the caller. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void mark(ino_t ino)
{
    size_t i;

    pthread_mutex_lock(&lock);
    events++;
    for (i = 0; i < ndirty && dirty[i] != ino; i++)
        ;
    if (i == ndirty && ndirty < DIRTY_MAX)
        dirty[ndirty++] = ino;
    pthread_mutex_unlock(&lock);
}

static void clean(ino_t ino)
{
    size_t i;

    pthread_mutex_lock(&lock);
    for (i = 0; i < ndirty; i++)
        if (dirty[i] == ino) {
            dirty[i] = dirty[--ndirty];
            break;
        }
    pthread_mutex_unlock(&lock);
}

static size_t dirty_count(void)
{
    size_t n;

    pthread_mutex_lock(&lock);
    n = ndirty;
    pthread_mutex_unlock(&lock);
    return n;
}

static void mark_fd(int fd)
{
    struct stat st;

    if (ours(fd, &st))
        mark(st.st_ino);
}

/* The inode a name under dfd stands for (0 if none). */
static ino_t ino_at(int dfd, const char *name)
{
    struct stat st;

    return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) ? 0 : st.st_ino;
}

/* The marker arriving in the destination folder itself (phase A moves the
 * old one out of it, into BK_OLD: not this). */
static void marker_arrives(int dfd, const char *name)
{
    char link[64], path[PATH_MAX];
    struct stat st;
    ssize_t n;

    if (strcmp(name, CS_BACKUP_MARKER) || !ours(dfd, &st))
        return;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", dfd);
    n = readlink(link, path, sizeof(path) - 1);
    if (n > 0 && (path[n] = 0, !strcmp(path, dest))) {
        size_t dirty_now = dirty_count();

        marker_arrivals++;
        st_ok(dirty_now == 0, "marker put into the folder while %zu inodes are not flushed", dirty_now);
    }
}

int openat(int dfd, const char *name, int flags, ...)
{
    REAL(openat);
    mode_t mode = 0;
    va_list ap;
    int fd;

    if (flags & (O_CREAT | O_TMPFILE)) {
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if (flags & O_CREAT)
        marker_arrives(dfd, name);
    fd = real_openat(dfd, name, flags, mode);
    if (fd >= 0 && (flags & O_CREAT)) {
        mark_fd(dfd);   /* a new entry */
        mark_fd(fd);    /* a new inode */
    }
    return fd;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    ssize_t r = real_write(fd, buf, n);

    if (r > 0)
        mark_fd(fd);
    return r;
}

int fchmod(int fd, mode_t mode)
{
    REAL(fchmod);
    int r = real_fchmod(fd, mode);

    if (!r)
        mark_fd(fd);
    return r;
}

int mkdirat(int dfd, const char *name, mode_t mode)
{
    REAL(mkdirat);
    struct stat st;
    int r = real_mkdirat(dfd, name, mode);

    if (!r && ours(dfd, &st)) {
        mark(st.st_ino);
        mark(ino_at(dfd, name));
    }
    return r;
}

int renameat(int from, const char *a, int to, const char *b)
{
    REAL(renameat);
    int r;

    marker_arrives(to, b);
    r = real_renameat(from, a, to, b);
    if (!r) {
        mark_fd(from);
        mark_fd(to);
    }
    return r;
}

int unlinkat(int dfd, const char *name, int flags)
{
    REAL(unlinkat);
    ino_t ino = tracking ? ino_at(dfd, name) : 0;
    int r = real_unlinkat(dfd, name, flags);

    if (!r) {
        if (ino)
            clean(ino);  /* gone: nothing of it needs flushing */
        mark_fd(dfd);
    }
    return r;
}

int fsync(int fd)
{
    REAL(fsync);
    struct stat st;
    int r = real_fsync(fd);

    if (!r && ours(fd, &st))
        clean(st.st_ino);
    return r;
}

/* One flush for the whole file system fd is on: every tracked inode is
 * under the destination folder, so all of them are on disk afterwards. */
int syncfs(int fd)
{
    REAL(syncfs);
    struct stat st;
    int r = real_syncfs(fd);

    if (!r && ours(fd, &st)) {
        pthread_mutex_lock(&lock);
        ndirty = 0;
        pthread_mutex_unlock(&lock);
    }
    return r;
}

static void traced_backup(const char *store, const char *why)
{
    cs_store *s = NULL;
    uint32_t rc;

    cs_open(store, NULL, NULL, &s);
    ndirty = 0;
    tracking = 1;
    rc = cs_backup(s, dest, NULL, NULL);
    tracking = 0;
    st_ok(rc == 0, "%s: backup failed %u (%s)", why, rc, cs_errmsg(s));
    st_ok(ndirty == 0, "%s: backup returned with %zu inodes not flushed", why, ndirty);
    cs_close(s);
}

int main(int argc, char **argv)
{
    char store[PATH_MAX], store2[PATH_MAX], fault[64], why[96];
    unsigned nth, scenarios = 0;
    int rc;

    if (argc != 3) {
        fprintf(stderr, "usage: durable WINECLUS WORK\n");
        return 2;
    }
    st_mkdir_fresh(argv[2]);
    st_path(store, sizeof(store), argv[2], "store");
    st_path(store2, sizeof(store2), argv[2], "store2");
    st_path(dest, sizeof(dest), argv[2], "dest");
    st_ok(!st_populate(store, 3, 2, 50000, 1), "populate");
    st_ok(!st_copy_tree(store, store2) && !st_mutate(store2, 3), "second store");
    st_mkdir_fresh(dest);
    unsetenv("WINECLUS_FAULT");
    traced_backup(store, "first backup");
    traced_backup(store2, "backup over a set");
    scenarios = 2;
    /* Interrupted at each rename and each fsync, then repaired by the next backup. */
    for (nth = 1; nth < 200; nth++) {
        snprintf(fault, sizeof(fault), "%s:%u:CRASH", nth % 2 ? "rename" : "fsync", (nth + 1) / 2);
        rc = st_tool_wait(st_tool_spawn(argv[1], nth % 4 < 2 ? store : store2, "backup", dest, fault));
        if (rc != FSIO_CRASH_STATUS)
            continue;
        snprintf(why, sizeof(why), "repair after %s", fault);
        traced_backup(nth % 4 < 2 ? store2 : store, why);
        scenarios++;
    }
    /* Every traced backup put a marker in place at least once. */
    st_ok(marker_arrivals >= (int)scenarios, "%d marker arrivals seen in %u backups", marker_arrivals, scenarios);
    printf("durability: %u backups traced (%lu events), %d marker arrivals checked\n", scenarios, events, marker_arrivals);
    st_figure("durable_backups", scenarios);
    st_figure("durable_marker_arrivals", (unsigned long long)marker_arrivals);
    return st_finish();
}
