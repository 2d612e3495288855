/* fsio: thin errno-returning wrappers, each passing the fault hook first. */
#define _GNU_SOURCE
#include "fsio.h"
#include "clusstore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Deeper than any backup set; stops a planted deep tree from eating the stack. */
#define TREE_DEPTH_MAX 8

#define FAULT(op) do { int e_ = fsio_fault(op); if (e_) return e_; } while (0)

int fsio_open_dir(const char *path, int *fd)
{
    *fd = -1;
    FAULT("open");
    *fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return *fd < 0 ? errno : 0;
}

int fsio_open_subdir(int dfd, const char *name, int *fd)
{
    *fd = -1;
    FAULT("open");
    *fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    return *fd < 0 ? errno : 0;
}

int fsio_openat(int dfd, const char *name, int flags, mode_t mode, int *fd)
{
    *fd = -1;
    FAULT("open");
    do
        *fd = openat(dfd, name, flags | O_NOFOLLOW | O_CLOEXEC, mode);
    while (*fd < 0 && errno == EINTR);
    return *fd < 0 ? errno : 0;
}

int fsio_open_regular(int dfd, const char *name, int flags, mode_t mode, int *fd, struct stat *st)
{
    int err;

    *fd = -1;
    /* Looked at before it is opened, since opening is not harmless: a FIFO
     * blocks until a writer comes, a device node acts on its device (a tape
     * rewinds on close).  A call that creates with O_EXCL opens nothing old. */
    if ((flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL)) {
        err = fsio_fstatat(dfd, name, st);
        if (!err && S_ISLNK(st->st_mode))
            return ELOOP;
        if (!err && !S_ISREG(st->st_mode))
            return FSIO_ENOTREG;
        if (err && !(err == ENOENT && (flags & O_CREAT)))
            return err;
    }
    /* Swapped since the look: O_NONBLOCK opens a FIFO at once, O_NOCTTY keeps
     * a terminal from becoming ours, a socket fails with ENXIO.  O_NONBLOCK
     * means nothing to a regular file's reads and writes, so it stays. */
    if ((err = fsio_openat(dfd, name, flags | O_NONBLOCK | O_NOCTTY, mode, fd)))
        return err;
    if ((err = fsio_fstat(*fd, st)) || !S_ISREG(st->st_mode)) {
        fsio_close(*fd);
        *fd = -1;
        return err ? err : FSIO_ENOTREG;
    }
    return 0;
}

int fsio_mkdirat(int dfd, const char *name, mode_t mode)
{
    FAULT("mkdir");
    return mkdirat(dfd, name, mode) ? errno : 0;
}

int fsio_renameat(int from_dfd, const char *from, int to_dfd, const char *to)
{
    FAULT("rename");
    return renameat(from_dfd, from, to_dfd, to) ? errno : 0;
}

int fsio_unlinkat(int dfd, const char *name, int flags)
{
    FAULT(flags & AT_REMOVEDIR ? "rmdir" : "unlink");
    return unlinkat(dfd, name, flags) ? errno : 0;
}

int fsio_fstatat(int dfd, const char *name, struct stat *st)
{
    FAULT("stat");
    return fstatat(dfd, name, st, AT_SYMLINK_NOFOLLOW) ? errno : 0;
}

int fsio_fstat(int fd, struct stat *st)
{
    FAULT("stat");
    return fstat(fd, st) ? errno : 0;
}

int fsio_write(int fd, const void *buf, size_t n)
{
    const char *p = buf;

    FAULT("write");
    while (n) {
        ssize_t w = write(fd, p, n);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (w == 0)
            return ENOSPC;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int fsio_read(int fd, void *buf, size_t n, size_t *got)
{
    ssize_t r;

    *got = 0;
    FAULT("read");
    do
        r = read(fd, buf, n);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return errno;
    *got = (size_t)r;
    return 0;
}

int fsio_pread(int fd, void *buf, size_t n, uint64_t offset, size_t *got)
{
    ssize_t r;

    *got = 0;
    FAULT("read");
    do
        r = pread(fd, buf, n, (off_t)offset);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return errno;
    *got = (size_t)r;
    return 0;
}

int fsio_fsync(int fd)
{
    FAULT("fsync");
    return fsync(fd) ? errno : 0;
}

int fsio_flush_start(int fd)
{
    FAULT("fsync");
    /* Only a hint: a file system without it still gets its data flushed by
     * the fsio_syncfs that must follow. */
    if (sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) && errno != ENOSYS && errno != EINVAL && errno != ESPIPE)
        return errno;
    return 0;
}

int fsio_syncfs(int fd)
{
    FAULT("fsync");
    return syncfs(fd) ? errno : 0;
}

int fsio_fchmod(int fd, mode_t mode)
{
    FAULT("chmod");
    return fchmod(fd, mode) ? errno : 0;
}

int fsio_fsetxattr(int fd, const char *name, const void *value, size_t size)
{
    FAULT("xattr");
    return fsetxattr(fd, name, value, size, 0) ? errno : 0;
}

int fsio_flock(int fd, int op)
{
    FAULT("flock");
    while (flock(fd, op)) {
        if (errno != EINTR)
            return errno;
    }
    return 0;
}

struct fsio_dir {
    int    fd;
    size_t pos, len;
    /* getdents64 needs room for the longest entry: a 255-byte name and its header. */
    char   buf[8192] __attribute__((aligned(8)));
};

int fsio_opendir(int fd, fsio_dir **out)
{
    *out = NULL;
    FAULT("opendir");
    if (lseek(fd, 0, SEEK_SET) < 0)
        return errno;
    if (!(*out = malloc(sizeof(**out))))
        return ENOMEM;
    (*out)->fd = fd;
    (*out)->pos = (*out)->len = 0;
    return 0;
}

int fsio_readdir_type(fsio_dir *d, const char **name, unsigned char *type)
{
    struct dirent64 *e;
    ssize_t got;

    *name = NULL;
    if (!d)
        return EBADF;
    for (;;) {
        if (d->pos >= d->len) {
            do
                got = getdents64(d->fd, d->buf, sizeof(d->buf));
            while (got < 0 && errno == EINTR);
            if (got <= 0)
                return got ? errno : 0;
            d->pos = 0;
            d->len = (size_t)got;
        }
        e = (struct dirent64 *)(d->buf + d->pos);
        d->pos += e->d_reclen;
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            break;
    }
    *name = e->d_name;
    if (type)
        *type = e->d_type;
    return 0;
}

int fsio_readdir(fsio_dir *d, const char **name)
{
    return fsio_readdir_type(d, name, NULL);
}

void fsio_closedir(fsio_dir *d)
{
    free(d);
}

/* The umask from /proc/self/status: umask(2) can only be read by setting
 * it, which would race with the other threads of a Wine process.  ~0 (every
 * bit taken) when it cannot be read: then every mode is fixed. */
static mode_t umask_seen;
static int umask_known;

void fsio_umask_read(void)
{
    mode_t mask = (mode_t)-1;
    char buf[4096], *p;
    ssize_t got;
    int fd;

    if ((fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)) >= 0) {
        got = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        if (got > 0) {
            buf[got] = 0;
            if ((p = strstr(buf, "\nUmask:")))
                mask = (mode_t)strtoul(p + 7, NULL, 8);
        }
    }
    __atomic_store_n(&umask_seen, mask, __ATOMIC_RELAXED);
    __atomic_store_n(&umask_known, 1, __ATOMIC_RELEASE);
}

int fsio_fix_mode(int fd, mode_t mode)
{
    /* The fault hook counts this call either way, so injected failures land
     * where they always did. */
    FAULT("chmod");
    if (!__atomic_load_n(&umask_known, __ATOMIC_ACQUIRE))
        fsio_umask_read();
    if (!(__atomic_load_n(&umask_seen, __ATOMIC_RELAXED) & mode))
        return 0;
    return fchmod(fd, mode) ? errno : 0;
}

void fsio_close(int fd)
{
    if (fd >= 0)
        close(fd);
}

/* type is the entry's DT_* as listed (DT_UNKNOWN at the top): a file is
 * unlinked without a look first, a listed folder opened without one; an
 * entry that changed since it was listed falls back to the other way. */
static int remove_tree(int dfd, const char *name, unsigned char type, int depth)
{
    unsigned char child_type;
    int err, fd, pass;
    const char *child;
    fsio_dir *d;

    if (type != DT_DIR) {
        /* unlinkat never follows a link, and Linux refuses a folder with EISDIR. */
        err = fsio_unlinkat(dfd, name, 0);
        if (err != EISDIR)
            return err == ENOENT ? 0 : err;
    }
    if (depth >= TREE_DEPTH_MAX)
        return ENOTEMPTY;
    err = fsio_open_subdir(dfd, name, &fd);
    /* Listed as a folder, now a file or a link: that is removed as it is. */
    if (err == ENOTDIR || err == ELOOP)
        err = fsio_unlinkat(dfd, name, 0);
    if (err || fd < 0)
        return err == ENOENT ? 0 : err;
    /* Entries removed while listing may shift the listing: go round again
     * until the folder is really empty. */
    for (pass = 0; pass < 4; pass++) {
        err = fsio_opendir(fd, &d);
        while (!err && !(err = fsio_readdir_type(d, &child, &child_type)) && child)
            err = remove_tree(fd, child, child_type, depth + 1);
        fsio_closedir(d);
        if (err)
            break;
        err = fsio_unlinkat(dfd, name, AT_REMOVEDIR);
        if (err != ENOTEMPTY && err != EEXIST)
            break;
    }
    fsio_close(fd);
    return err == ENOENT ? 0 : err;
}

int fsio_remove_tree(int dfd, const char *name)
{
    return remove_tree(dfd, name, DT_UNKNOWN, 0);
}

uint32_t fsio_winerr(int err, int writing)
{
    switch (err) {
    case 0:            return 0;
    case ENOENT:       return CS_ERROR_PATH_NOT_FOUND;
    case ENOTDIR:      return CS_ERROR_PATH_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EROFS:        return CS_ERROR_ACCESS_DENIED;
    case ENOSPC:
    case EDQUOT:       return CS_ERROR_DISK_FULL;
    case EIO:          return writing ? 29u /* ERROR_WRITE_FAULT */ : 30u /* ERROR_READ_FAULT */;
    case EEXIST:       return CS_ERROR_ALREADY_EXISTS;
    case ENOTEMPTY:    return CS_ERROR_DIR_NOT_EMPTY;
    case ENOMEM:       return CS_ERROR_NOT_ENOUGH_MEMORY;
    case ENAMETOOLONG: return 206u;  /* ERROR_FILENAME_EXCED_RANGE */
    case ELOOP:        return 1921u; /* ERROR_CANT_RESOLVE_FILENAME */
    case EMFILE:
    case ENFILE:       return 4u;    /* ERROR_TOO_MANY_OPEN_FILES */
    case EBUSY:        return CS_ERROR_BUSY;
    case EINVAL:       return CS_ERROR_INVALID_PARAMETER;
    case EFBIG:        return 223u;  /* ERROR_FILE_TOO_LARGE */
    case EXDEV:        return 17u;   /* ERROR_NOT_SAME_DEVICE */
    case ENOTSUP:      return 50u;   /* ERROR_NOT_SUPPORTED */
    case EWOULDBLOCK:  return 33u;   /* ERROR_LOCK_VIOLATION */
    default:           return 31u;   /* ERROR_GEN_FAILURE */
    }
}
