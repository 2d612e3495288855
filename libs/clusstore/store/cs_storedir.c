/* The store's own folders and files: each opened under its folder's fd,
 * never through a symbolic link, never blocking on a FIFO, and used only
 * when the folder is ours alone (docs/store-format.md, "Who may touch the
 * store").  Whatever is found where the store keeps a file of its own and
 * is not one (a link, a FIFO, a socket, a device, a folder) is left exactly
 * as it is and named in a FILE_CORRUPT error; a folder someone else owns or
 * may write is an ACCESS_DENIED one, with the command that fixes it. */
#define _GNU_SOURCE
#include "cs_internal.h"
#include "fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "DIR", "DIR/rel" or "DIR/rel/name", for messages. */
static const char *where(const cs_store *s, const char *rel, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s%s%s%s", s->dir, rel[0] ? "/" : "", rel, name ? "/" : "", name ? name : "");
    return buf;
}

static const char *kind_of(mode_t mode)
{
    return S_ISLNK(mode) ? "a symbolic link" : S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket"
         : S_ISDIR(mode) ? "a folder" : S_ISCHR(mode) || S_ISBLK(mode) ? "a device" : "not a regular file";
}

/* What stands at name when opening it as a file or folder of the store
 * failed with ELOOP, ENOTDIR, EISDIR or ENXIO. */
static uint32_t not_ours(cs_store *s, int dfd, const char *rel, const char *name)
{
    char path[PATH_MAX + 128];
    struct stat st;
    const char *kind = fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) ? "not what the store keeps there"
                                                                  : kind_of(st.st_mode);

    return cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is %s, which the store never makes there (left alone: remove it)",
                    where(s, rel, name, path, sizeof(path)), kind);
}

uint32_t cs__dir_trusted(cs_store *s, int fd, const char *rel)
{
    char path[PATH_MAX + 128];
    struct stat st;

    if (fstat(fd, &st))
        return cs__fail(s, fsio_winerr(errno, 0), "cannot inspect %s: %s", where(s, rel, NULL, path, sizeof(path)),
                        strerror(errno));
    where(s, rel, NULL, path, sizeof(path));
    /* As ssh does for ~/.ssh: whoever else owns or may write the folder can
     * plant files in it, or replace cluster.db, for our programs to trust. */
    if (st.st_uid != geteuid())
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "store folder %s is owned by uid %u, not by this user (uid %u): "
                        "use a store folder of your own", path, (unsigned)st.st_uid, (unsigned)geteuid());
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "store folder %s is writable by others (mode %04o): chmod 700 %s",
                        path, (unsigned)(st.st_mode & 07777), path);
    return 0;
}

uint32_t cs__dir_open(cs_store *s, int dfd, const char *rel, const char *name, int create, int *fd)
{
    char path[PATH_MAX + 128], sub[PATH_MAX];
    int made = create && !mkdirat(dfd, name, 0700), e;
    uint32_t err;

    *fd = -1;
    if (create && !made && errno != EEXIST)
        return cs__fail(s, fsio_winerr(errno, 1), "cannot create folder %s: %s",
                        where(s, rel, name, path, sizeof(path)), strerror(errno));
    if ((e = fsio_open_subdir(dfd, name, fd)))
        return e == ELOOP || e == ENOTDIR ? not_ours(s, dfd, rel, name)
             : cs__fail(s, e == ENOENT ? CS_ERROR_PATH_NOT_FOUND : fsio_winerr(e, 0), "cannot open folder %s: %s",
                        where(s, rel, name, path, sizeof(path)), strerror(e));
    /* 0700 whatever the umask, on the folder we made and no other. */
    if (made)
        fchmod(*fd, 0700);
    snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", name);
    if ((err = cs__dir_trusted(s, *fd, sub))) {
        close(*fd);
        *fd = -1;
    }
    return err;
}

uint32_t cs__file_open(cs_store *s, int dfd, const char *rel, const char *name, int flags, int *fd)
{
    char path[PATH_MAX + 128];
    struct stat st;
    int e = ENOENT;

    /* Only a file this call creates gets its mode set: one found there keeps
     * its own, whoever made it. */
    if (flags & O_CREAT)
        e = fsio_open_regular(dfd, name, flags | O_EXCL, 0600, fd, &st);
    if (!e) {
        fchmod(*fd, 0600);
        return 0;
    }
    if (e == EEXIST || e == ENOENT)
        e = fsio_open_regular(dfd, name, flags & ~O_CREAT, 0, fd, &st);
    if (!e)
        return 0;
    if (e == ELOOP || e == EISDIR || e == FSIO_ENOTREG)
        return not_ours(s, dfd, rel, name);
    return cs__fail(s, e == ENOENT ? CS_ERROR_FILE_NOT_FOUND : fsio_winerr(e, flags & (O_WRONLY | O_RDWR)),
                    "cannot open %s: %s", where(s, rel, name, path, sizeof(path)), strerror(e));
}

uint32_t cs__file_check(cs_store *s, int dfd, const char *rel, const char *name)
{
    char path[PATH_MAX + 128];
    struct stat st;

    where(s, rel, name, path, sizeof(path));
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
        return cs__fail(s, errno == ENOENT ? CS_ERROR_FILE_NOT_FOUND : fsio_winerr(errno, 0), "cannot inspect %s: %s",
                        path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return not_ours(s, dfd, rel, name);
    if (st.st_uid != geteuid())
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "%s is owned by uid %u, not by this user (uid %u) (left alone)",
                        path, (unsigned)st.st_uid, (unsigned)geteuid());
    /* cp -al, or a link planted to a file elsewhere: writing in place here
     * would change that other file too. */
    if (st.st_nlink != 1)
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s has %lu names (hard links), and writing it would change them "
                        "all (left alone: give it a copy of its own)", path, (unsigned long)st.st_nlink);
    return 0;
}
